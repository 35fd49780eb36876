package dev.etcdspring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.function.Function;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.boot.autoconfigure.EtcdProperties;
import dev.etcdspring.boot.health.EtcdHealthIndicator;
import dev.etcdspring.client.EtcdClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link EtcdHealthIndicator}: one indicator per
 * {@link EtcdClient} bean, switched off by {@code management.health.etcd.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass({ EtcdClient.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(EtcdClient.class)
@ConditionalOnEnabledHealthIndicator("etcd")
public final class EtcdHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<EtcdHealthIndicator, EtcdClient> {

	EtcdHealthContributorAutoConfiguration(ObjectProvider<EtcdProperties> properties) {
		super(indicatorFactory(properties.getIfAvailable(EtcdProperties::new).getRequestTimeout()));
	}

	private static Function<EtcdClient, EtcdHealthIndicator> indicatorFactory(Duration timeout) {
		return (client) -> new EtcdHealthIndicator(client, timeout);
	}

	@Bean
	@ConditionalOnMissingBean(value = EtcdHealthIndicator.class,
			name = { "etcdHealthIndicator", "etcdHealthContributor" })
	HealthContributor etcdHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, EtcdClient.class);
	}

}
