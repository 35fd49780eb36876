package dev.etcdspring.boot.autoconfigure.watch;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatchAnnotationBeanPostProcessor;
import dev.etcdspring.client.listener.DefaultEtcdWatchContainerFactory;
import dev.etcdspring.client.listener.EtcdWatchContainerFactory;
import dev.etcdspring.client.listener.EtcdWatchErrorHandler;
import dev.etcdspring.client.template.EtcdOperations;

import org.springframework.beans.factory.ObjectProvider;
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
 * enabled them itself; defines the default {@link EtcdWatchContainerFactory} (named
 * {@value EtcdWatchContainerFactory#DEFAULT_BEAN_NAME}) with that template, unless the
 * application has a bean of that name; and logs the failures of listeners unless the
 * application has its own {@link EtcdWatchErrorHandler}.
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

	@Bean(EtcdWatchContainerFactory.DEFAULT_BEAN_NAME)
	@ConditionalOnMissingBean(name = EtcdWatchContainerFactory.DEFAULT_BEAN_NAME)
	DefaultEtcdWatchContainerFactory etcdWatchContainerFactory(ObjectProvider<EtcdOperations> templates,
			ObjectProvider<EtcdWatchErrorHandler> errorHandlers) {
		DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
		// only a unique template: with several and no @Primary one the application still
		// starts, and fails naming the watch once one needs this factory
		templates.ifUnique(factory::setTemplate);
		factory.setErrorHandler(errorHandlers.getIfUnique(EtcdWatchErrorHandler::logging));
		// no executor: listeners run on the client's delivery threads, as they always did
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	@ConditionalOnMissingBean(name = EtcdWatchAnnotationBeanPostProcessor.BEAN_NAME)
	static class EnableEtcdWatchConfiguration {

	}

}
