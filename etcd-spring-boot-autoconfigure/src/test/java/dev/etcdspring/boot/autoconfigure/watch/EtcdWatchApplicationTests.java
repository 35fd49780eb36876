package dev.etcdspring.boot.autoconfigure.watch;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdPrevValue;
import dev.etcdspring.client.annotation.EtcdRevision;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application whose {@link EtcdWatch @EtcdWatch} methods are called for
 * changes made with {@link EtcdTemplate} and with {@code etcdctl}, against a real etcd.
 */
class EtcdWatchApplicationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final String namespace = "/app-" + UUID.randomUUID();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void watchMethodsShouldBeCalledOnceForEachChangeInOrder() {
		start();
		EtcdTemplate template = this.context.getBean(EtcdTemplate.class);
		Listeners listeners = this.context.getBean(Listeners.class);

		long featureOn = template.put("/config/feature", "on");
		etcdctl("put", "/config/feature", "off");
		template.put("/config/feature-x", "not watched");
		template.delete("/config/feature");

		long flagA = template.put("/flags/a", "1");
		etcdctl("put", "/flags/b", "2");
		template.put("/flagsx", "not under the prefix");
		etcdctl("del", "/flags/a");
		long flagC = template.put("/flags/c", "3");

		template.put("/features/search", new Feature("search", true, 10));
		etcdctl("put", "/features/export", "{\"name\":\"export\",\"enabled\":false,\"weight\":2}");
		etcdctl("del", "/features/search");

		await()
			.untilAsserted(() -> assertThat(listeners.feature).containsExactly("PUT /config/feature=on @" + featureOn,
					"PUT /config/feature=off @" + (featureOn + 1), "DELETE /config/feature=null @" + (featureOn + 3)));
		await().untilAsserted(() -> assertThat(listeners.flags).containsExactly("/flags/a=1 @" + flagA,
				"/flags/b=2 @" + (flagA + 1), "/flags/c=3 @" + flagC));
		await().untilAsserted(() -> assertThat(listeners.deletedFlags).containsExactly("/flags/a=null was 1"));
		await().untilAsserted(() -> assertThat(listeners.features).containsExactly(
				"/features/search=" + new Feature("search", true, 10),
				"/features/export=" + new Feature("export", false, 2), "/features/search=null"));
	}

	@Test
	void watchWhenInitialShouldDeliverTheCurrentValuesThenTheChanges() {
		etcdctl("put", "/seeded/a", "1");
		etcdctl("put", "/seeded/b", "2");
		start();
		EtcdTemplate template = this.context.getBean(EtcdTemplate.class);
		template.put("/seeded/c", "3");
		etcdctl("del", "/seeded/a");
		template.put("/seeded/b", "4");
		Listeners listeners = this.context.getBean(Listeners.class);
		await().untilAsserted(() -> assertThat(listeners.seeded).containsExactly("PUT /seeded/a=1", "PUT /seeded/b=2",
				"PUT /seeded/c=3", "DELETE /seeded/a=null", "PUT /seeded/b=4"));
	}

	private void start() {
		this.context = new SpringApplicationBuilder(WatchApplication.class).web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpoint(), "--etcd.namespace=" + this.namespace,
					"--app.feature-key=/config/feature");
	}

	private void etcdctl(String command, String key, String... value) {
		String[] args = new String[2 + value.length];
		args[0] = command;
		args[1] = this.namespace + key;
		System.arraycopy(value, 0, args, 2, value.length);
		assertThat(etcd.etcdctl(args).isSuccess()).isTrue();
	}

	record Feature(String name, boolean enabled, int weight) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listeners.class)
	static class WatchApplication {

	}

	static class Listeners {

		final List<String> feature = new CopyOnWriteArrayList<>();

		final List<String> flags = new CopyOnWriteArrayList<>();

		final List<String> deletedFlags = new CopyOnWriteArrayList<>();

		final List<String> features = new CopyOnWriteArrayList<>();

		final List<String> seeded = new CopyOnWriteArrayList<>();

		@EtcdWatch("${app.feature-key}")
		void onFeature(WatchEvent.Type type, @EtcdKey String key, String value, @EtcdRevision long revision) {
			this.feature.add(type + " " + key + "=" + value + " @" + revision);
		}

		@EtcdWatch(key = "/flags/", prefix = true, events = WatchEvent.Type.PUT)
		void onFlag(@EtcdKey String key, @EtcdValue String value, @EtcdRevision long revision) {
			this.flags.add(key + "=" + value + " @" + revision);
		}

		@EtcdWatch(key = "/flags/", prefix = true, events = WatchEvent.Type.DELETE)
		void onFlagDeleted(@EtcdKey String key, @EtcdValue String value, @EtcdPrevValue String previous) {
			this.deletedFlags.add(key + "=" + value + " was " + previous);
		}

		@EtcdWatch(key = "/features/", prefix = true)
		void onFeatureChange(@EtcdKey String key, Feature feature) {
			this.features.add(key + "=" + feature);
		}

		@EtcdWatch(key = "/seeded/", prefix = true, initial = true)
		void onSeeded(WatchEvent event, String value) {
			this.seeded.add(event.type() + " " + event.kv().keyAsString() + "=" + value);
		}

	}

}
