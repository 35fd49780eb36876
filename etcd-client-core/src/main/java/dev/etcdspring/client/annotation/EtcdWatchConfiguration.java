package dev.etcdspring.client.annotation;

import dev.etcdspring.client.listener.EtcdWatchAnnotationBeanPostProcessor;
import dev.etcdspring.client.listener.EtcdWatchEndpointRegistry;
import dev.etcdspring.client.listener.EtcdWatchErrorHandler;
import dev.etcdspring.client.template.EtcdOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * Registers what {@link EnableEtcdWatch @EnableEtcdWatch} needs: the post-processor that
 * finds {@link EtcdWatch @EtcdWatch} methods and the registry that runs their watches.
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
	EtcdWatchEndpointRegistry etcdWatchEndpointRegistry(ObjectProvider<EtcdOperations> templates,
			ObjectProvider<EtcdWatchErrorHandler> errorHandlers) {
		return new EtcdWatchEndpointRegistry(templates, errorHandlers);
	}

}
