package dev.etcdspring.boot.autoconfigure.watch;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatchAnnotationBeanPostProcessor;
import dev.etcdspring.client.listener.EtcdWatchErrorHandler;
import dev.etcdspring.client.template.EtcdOperations;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link dev.etcdspring.client.annotation.EtcdWatch @EtcdWatch}
 * methods: enables them when there is an {@link EtcdOperations}, unless the application
 * enabled them itself, and logs their failures unless the application has its own
 * {@link EtcdWatchErrorHandler}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass(EnableEtcdWatch.class)
@ConditionalOnBean(EtcdOperations.class)
public final class EtcdWatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EtcdWatchErrorHandler etcdWatchErrorHandler() {
		return EtcdWatchErrorHandler.logging();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	@ConditionalOnMissingBean(name = EtcdWatchAnnotationBeanPostProcessor.BEAN_NAME)
	static class EnableEtcdWatchConfiguration {

	}

}
