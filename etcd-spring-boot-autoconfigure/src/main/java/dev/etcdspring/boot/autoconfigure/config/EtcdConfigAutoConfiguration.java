package dev.etcdspring.boot.autoconfigure.config;

import dev.etcdspring.client.mirror.EtcdMirror;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the refresh of {@code spring.config.import=etcd:...}: the
 * {@link ConfigurationPropertiesSnapshots}, and, when the application imports from etcd
 * and {@code etcd.config.refresh.enabled} is on, the refresher that makes the imported
 * properties and the beans bound to them follow etcd.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(EtcdMirror.class)
public final class EtcdConfigAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConfigurationPropertiesSnapshots configurationPropertiesSnapshots(ApplicationContext context) {
		return new ConfigurationPropertiesSnapshots((ConfigurableApplicationContext) context);
	}

	@Bean
	@ConditionalOnBean(EtcdConfigImports.class)
	@ConditionalOnBooleanProperty(name = "etcd.config.refresh.enabled", matchIfMissing = true)
	EtcdConfigRefresher etcdConfigRefresher(EtcdConfigImports imports, ApplicationContext context,
			ConfigurationPropertiesSnapshots snapshots, ObjectProvider<SpringCloudRefresh> springCloud) {
		return new EtcdConfigRefresher(imports, (ConfigurableApplicationContext) context, snapshots,
				springCloud.getIfAvailable());
	}

	/**
	 * With Spring Cloud Context, a refresh also publishes its event and refreshes its
	 * refresh scope.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class SpringCloudConfiguration {

		@Bean
		SpringCloudRefresh etcdSpringCloudRefresh(ObjectProvider<RefreshScope> refreshScope) {
			return new SpringCloudRefresh(refreshScope);
		}

	}

}
