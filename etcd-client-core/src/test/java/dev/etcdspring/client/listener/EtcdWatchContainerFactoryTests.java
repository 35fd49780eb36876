package dev.etcdspring.client.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@link EtcdWatch @EtcdWatch} method that names its own container factory is run with
 * that factory's template, executor and error handler, while the others keep the default
 * ones.
 */
class EtcdWatchContainerFactoryTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final String namespace = EtcdWatchContexts.newNamespace();

	private final String sharedNamespace = EtcdWatchContexts.newNamespace();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void watchWhenItNamesAContainerFactoryShouldUseItsTemplateExecutorAndErrorHandler() {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), this.namespace,
				Map.of("test.shared.namespace", this.sharedNamespace), SharedFactoryConfiguration.class,
				TwoWatches.class, DefaultErrors.class);
		this.context.getBean(EtcdTemplate.class).put("/flag", "own");
		etcdctlPut(this.sharedNamespace + "/flag", "shared-1");
		etcdctlPut(this.sharedNamespace + "/flag", "boom");
		etcdctlPut(this.sharedNamespace + "/flag", "shared-2");
		TwoWatches watches = this.context.getBean(TwoWatches.class);
		SharedFactoryConfiguration shared = this.context.getBean(SharedFactoryConfiguration.class);
		await().untilAsserted(() -> assertThat(watches.shared).containsExactly("/flag=shared-1 on shared-watches",
				"/flag=shared-2 on shared-watches"));
		await().untilAsserted(() -> assertThat(watches.own).containsExactly("/flag=own on etcd-watch"));
		assertThat(shared.failures).containsExactly("twoWatches#onShared0 PUT /flag: boom");
		assertThat(this.context.getBean(DefaultErrors.class).failures).isEmpty();
		assertThat(this.context.getBean(EtcdWatchEndpointRegistry.class)
			.getListenerContainer("twoWatches#onShared0")
			.getTemplate()
			.getNamespace()).isEqualTo(this.sharedNamespace + "/");
	}

	private void etcdctlPut(String key, String value) {
		assertThat(etcd.etcdctl("put", key, value).isSuccess()).isTrue();
	}

	private static String thread() {
		String name = Thread.currentThread().getName();
		return name.startsWith("shared-watches-") ? "shared-watches"
				: name.startsWith("etcd-watch-") ? "etcd-watch" : name;
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedFactoryConfiguration {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Bean
		DefaultEtcdWatchContainerFactory sharedWatches(EtcdClient client, Environment environment) {
			DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
			factory.setTemplate(new EtcdTemplate(client, EtcdSerializer.standard(),
					environment.getRequiredProperty("test.shared.namespace")));
			factory.setExecutor(new SimpleAsyncTaskExecutor("shared-watches-"));
			factory.setErrorHandler((exception, event, endpointId) -> this.failures
				.add(endpointId + " " + event.type() + " " + event.kv().keyAsString() + ": " + exception.getMessage()));
			return factory;
		}

	}

	@Component("twoWatches")
	static class TwoWatches {

		final List<String> own = new CopyOnWriteArrayList<>();

		final List<String> shared = new CopyOnWriteArrayList<>();

		@EtcdWatch("/flag")
		void onOwn(@EtcdKey String key, String value) {
			this.own.add(key + "=" + value + " on " + thread());
		}

		@EtcdWatch(key = "/flag", containerFactory = "sharedWatches")
		void onShared(@EtcdKey String key, String value) {
			if (value.equals("boom")) {
				throw new IllegalStateException(value);
			}
			this.shared.add(key + "=" + value + " on " + thread());
		}

	}

	/** The application's error handler: the default factory's, not the shared one's. */
	static class DefaultErrors implements EtcdWatchErrorHandler {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handle(Exception exception, WatchEvent event, String endpointId) {
			this.failures.add(endpointId + " " + exception);
		}

	}

}
