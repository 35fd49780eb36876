package dev.etcdspring.client.annotation;

import dev.etcdspring.client.listener.EtcdWatchEndpointRegistry;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * Registers what {@link EnableEtcdWatch @EnableEtcdWatch} needs: the post-processor that
 * finds {@link EtcdWatch @EtcdWatch} methods and the registry that holds and runs the
 * watches' containers. The default container factory is the application's bean named
 * {@value dev.etcdspring.client.listener.EtcdWatchContainerFactory#DEFAULT_BEAN_NAME}
 * (Spring Boot defines one) or, without it, one made from the application's
 * {@code EtcdOperations} and {@code EtcdWatchErrorHandler} beans; no bean is defined for
 * it here, so that an application's own takes its name.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class EtcdWatchConfiguration {

	@Bean(EtcdWatchAnnotationBeanPostProcessor.BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static EtcdWatchAnnotationBeanPostProcessor etcdWatchAnnotationBeanPostProcessor() {
		return new EtcdWatchAnnotationBeanPostProcessor();
	}

	@Bean(EtcdWatchEndpointRegistry.BEAN_NAME)
	EtcdWatchEndpointRegistry etcdWatchEndpointRegistry() {
		return new EtcdWatchEndpointRegistry();
	}

}
