package dev.etcdspring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.boot.metrics.MicrometerCoalescingMetrics;
import dev.etcdspring.boot.metrics.MicrometerWatchMetrics;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchMetrics;
import dev.etcdspring.test.EtcdServerExtension;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdMetricsAutoConfiguration} and the request timers, with Spring
 * Boot's own metrics auto-configuration.
 */
class EtcdMetricsAutoConfigurationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				EtcdAutoConfiguration.class, EtcdMetricsAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpoint());

	@Test
	void requestsShouldBeTimedByOperationAndOutcome() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SimpleMeterRegistry.class);
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			template.put("/metrics/timed", "x");
			template.get("/metrics/timed");
			template.get("/metrics/timed");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer puts = registry.get("etcd.client.requests")
				.tag("etcd.operation", "kv.put")
				.tag("outcome", "SUCCESS")
				.timer();
			Timer ranges = registry.get("etcd.client.requests")
				.tag("etcd.operation", "kv.range")
				.tag("outcome", "SUCCESS")
				.timer();
			assertThat(puts.count()).isEqualTo(1);
			assertThat(ranges.count()).isEqualTo(2);
			template.delete("/metrics/timed");
		});
	}

	@Test
	void failedRequestsShouldBeTimedWithTheirOutcome() {
		this.contextRunner.withPropertyValues("etcd.endpoints=http://127.0.0.1:1", "etcd.request-timeout=1s")
			.run((context) -> {
				try {
					context.getBean(EtcdTemplate.class).get("/metrics/unreachable");
				}
				catch (RuntimeException ex) {
					// counted below
				}
				Timer failed = context.getBean(MeterRegistry.class)
					.get("etcd.client.requests")
					.tag("etcd.operation", "kv.range")
					.tag("outcome", "EtcdConnectionException")
					.timer();
				assertThat(failed.count()).isEqualTo(1);
			});
	}

	@Test
	void watchEventsShouldBeCounted() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MicrometerWatchMetrics.class);
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			List<WatchEvent> received = new CopyOnWriteArrayList<>();
			try (Watch watch = template.watch("/metrics/watched", received::add)) {
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					template.put("/metrics/watched", "x");
					assertThat(received).isNotEmpty();
				});
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("etcd.watch.events").counter().count()).isGreaterThanOrEqualTo(received.size());
			assertThat(registry.get("etcd.watch.compactions").counter().count()).isZero();
			template.delete("/metrics/watched");
		});
	}

	@Test
	void compactedWatchesShouldBeCounted() {
		this.contextRunner.run((context) -> {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			long first = template.put("/metrics/compacted", "1");
			long last = template.put("/metrics/compacted", "2");
			assertThat(etcd.etcdctl("compact", Long.toString(last)).exitCode()).isZero();
			List<Long> compactions = new CopyOnWriteArrayList<>();
			try (Watch watch = template.watch("/metrics/compacted")
				.fromRevision(first)
				.subscribe(new Compactions(compactions))) {
				await().atMost(Duration.ofSeconds(10)).until(() -> !compactions.isEmpty());
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("etcd.watch.compactions").counter().count()).isEqualTo(1);
			template.delete("/metrics/compacted");
		});
	}

	@Test
	void coalescedRequestsShouldBeMeasured() {
		// one read round trip at a time, so that concurrent reads share them
		this.contextRunner.withPropertyValues("etcd.coalescing.concurrency=1").run((context) -> {
			assertThat(context).hasSingleBean(MicrometerCoalescingMetrics.class);
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			template.put("/metrics/coalesced", "x");
			int callers = 8;
			int reads = 200;
			ExecutorService executor = Executors.newFixedThreadPool(callers);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int i = 0; i < callers; i++) {
					futures.add(executor.submit(() -> {
						for (int read = 0; read < reads; read++) {
							assertThat(template.get("/metrics/coalesced")).contains("x");
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					future.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			double alone = registry.get(MicrometerCoalescingMetrics.REQUESTS)
				.tag("lane", "linearizable-reads")
				.tag("coalesced", "false")
				.counter()
				.count();
			double coalesced = registry.get(MicrometerCoalescingMetrics.REQUESTS)
				.tag("lane", "linearizable-reads")
				.tag("coalesced", "true")
				.counter()
				.count();
			DistributionSummary batch = registry.get(MicrometerCoalescingMetrics.BATCH)
				.tag("lane", "linearizable-reads")
				.summary();
			assertThat(alone + coalesced).isEqualTo(callers * reads);
			assertThat(coalesced).isPositive();
			assertThat(batch.totalAmount()).isEqualTo(callers * reads);
			assertThat(batch.max()).isGreaterThan(1);
			template.delete("/metrics/coalesced");
		});
	}

	@Test
	void metricsWhenNoMeterRegistryExistsShouldNotBeCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(WatchMetrics.class));
	}

	@Test
	void metricsWhenMicrometerIsNotOnClasspathShouldNotBreakStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(WatchMetrics.class));
	}

	@Test
	void metricsWhenUserDefinesWatchMetricsShouldBackOff() {
		WatchMetrics custom = new WatchMetrics() {
		};
		this.contextRunner.withBean(WatchMetrics.class, () -> custom)
			.run((context) -> assertThat(context).hasSingleBean(WatchMetrics.class)
				.doesNotHaveBean(MicrometerWatchMetrics.class));
	}

	private record Compactions(List<Long> revisions) implements dev.etcdspring.client.watch.WatchListener {

		@Override
		public void onEvent(WatchEvent event) {
		}

		@Override
		public void onCompacted(long compactRevision) {
			this.revisions.add(compactRevision);
		}

	}

}
