package dev.etcdspring.boot.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MicrometerWatchMetrics}.
 */
class MicrometerWatchMetricsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void countersShouldStartAtZero() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MicrometerWatchMetrics(registry);
		assertThat(registry.get(MicrometerWatchMetrics.EVENTS).counter().count()).isZero();
		assertThat(registry.get(MicrometerWatchMetrics.COMPACTIONS).counter().count()).isZero();
	}

	@Test
	void reconnectsShouldBeCountedPerEndpointWhenTheMemberRestarts() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoint())
			.watchMetrics(new MicrometerWatchMetrics(registry))
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<WatchEvent> received = new CopyOnWriteArrayList<>();
			try (Watch watch = template.watch("/metrics/reconnect", received::add)) {
				await().untilAsserted(() -> {
					template.put("/metrics/reconnect", "before");
					assertThat(received).isNotEmpty();
				});
				etcd.server().restart();
				await().untilAsserted(() -> assertThat(
						registry.find(MicrometerWatchMetrics.RECONNECTS).tag("endpoint", etcd.endpoint()).counter())
					.isNotNull()
					.satisfies((counter) -> assertThat(counter.count()).isPositive()));
				int before = received.size();
				await().untilAsserted(() -> {
					template.put("/metrics/reconnect", "after");
					assertThat(received).hasSizeGreaterThan(before);
				});
			}
			assertThat(registry.get(MicrometerWatchMetrics.EVENTS).counter().count())
				.isGreaterThanOrEqualTo(received.size());
		}
	}

}
