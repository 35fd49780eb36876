package dev.etcdspring.boot.autoconfigure.concurrency;

import java.time.Duration;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.integration.EtcdLockRegistry;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EtcdLockRegistryAutoConfiguration}.
 */
class EtcdLockRegistryAutoConfigurationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdLockRegistryAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpoint());

	@Test
	void registryWhenSpringIntegrationIsPresentShouldLockUnderTheDefaultPrefix() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EtcdLockRegistry.class).hasSingleBean(LockRegistry.class);
			EtcdLockRegistry registry = context.getBean(EtcdLockRegistry.class);
			assertThat(registry.getPrefix()).isEqualTo("/locks/");
			assertThat(registry.getTtl()).isEqualTo(Duration.ofSeconds(15));
			registry.obtain("autoconfigured").lock();
			assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/locks/autoconfigured/").stdout())
				.startsWith("/locks/autoconfigured/");
			registry.obtain("autoconfigured").unlock();
		});
	}

	@Test
	void registryShouldBindItsProperties() {
		this.contextRunner.withPropertyValues("etcd.lock.prefix=/app/locks/", "etcd.lock.ttl=20s").run((context) -> {
			EtcdLockRegistry registry = context.getBean(EtcdLockRegistry.class);
			assertThat(registry.getPrefix()).isEqualTo("/app/locks/");
			assertThat(registry.getTtl()).isEqualTo(Duration.ofSeconds(20));
		});
	}

	@Test
	void registryWhenSpringIntegrationIsAbsentShouldNotBeDefined() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LockRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EtcdLockRegistry.class));
	}

	@Test
	void registryWhenTheApplicationDefinesALockRegistryShouldBackOff() {
		this.contextRunner.withBean(LockRegistry.class, DefaultLockRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdLockRegistry.class)
				.hasSingleBean(LockRegistry.class));
	}

	@Test
	void registryWhenThereIsNoClientShouldNotBeDefined() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EtcdLockRegistryAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EtcdLockRegistry.class));
	}

}
