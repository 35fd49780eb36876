package dev.etcdspring.boot.autoconfigure.health;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.boot.health.EtcdHealthIndicator;
import dev.etcdspring.client.EtcdClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EtcdHealthContributorAutoConfiguration}.
 */
class EtcdHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class,
				EtcdHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class));

	@Test
	void healthWhenClientExistsShouldCreateIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EtcdHealthIndicator.class)
			.hasBean("etcdHealthContributor"));
	}

	@Test
	void healthWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.etcd.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(EtcdHealthIndicator.class)
				.doesNotHaveBean("etcdHealthContributor"));
	}

	@Test
	void healthWhenDefaultIndicatorsAreDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdHealthIndicator.class));
	}

	@Test
	void healthWhenUserDefinesIndicatorShouldBackOff() {
		HealthIndicator custom = () -> Health.up().withDetail("custom", true).build();
		this.contextRunner.withBean("etcdHealthIndicator", HealthIndicator.class, () -> custom)
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdHealthIndicator.class)
				.doesNotHaveBean("etcdHealthContributor")
				.getBean("etcdHealthIndicator")
				.isSameAs(custom));
	}

	@Test
	void healthWhenUserDefinesEtcdHealthIndicatorUnderAnotherNameShouldBackOff() {
		this.contextRunner
			.withBean("myEtcdHealth", EtcdHealthIndicator.class,
					() -> new EtcdHealthIndicator(EtcdClient.create("http://127.0.0.1:23790"),
							java.time.Duration.ofSeconds(1)))
			.run((context) -> assertThat(context).hasSingleBean(EtcdHealthIndicator.class)
				.doesNotHaveBean("etcdHealthContributor"));
	}

	@Test
	void healthWhenNoClientExistsShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EtcdClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("etcdHealthContributor"));
	}

	@Test
	void healthWhenHealthSupportIsNotOnClasspathShouldNotBreakStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdClient.class)
				.doesNotHaveBean("etcdHealthContributor"));
	}

	@Test
	void healthWhenSeveralClientsExistShouldCreateOneIndicatorPerClient() {
		this.contextRunner.withBean("one", EtcdClient.class, () -> EtcdClient.create("http://127.0.0.1:23790"))
			.withBean("two", EtcdClient.class, () -> EtcdClient.create("http://127.0.0.1:23791"))
			.run((context) -> {
				HealthContributor contributor = context.getBean("etcdHealthContributor", HealthContributor.class);
				assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
				assertThat(((CompositeHealthContributor) contributor).getContributor("one"))
					.isInstanceOf(EtcdHealthIndicator.class);
				assertThat(((CompositeHealthContributor) contributor).getContributor("two"))
					.isInstanceOf(EtcdHealthIndicator.class);
			});
	}

}
