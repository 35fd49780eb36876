package dev.etcdspring.boot.autoconfigure.metrics;

import dev.etcdspring.boot.metrics.MicrometerCoalescingMetrics;
import dev.etcdspring.boot.metrics.MicrometerWatchMetrics;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.CoalescingMetrics;
import dev.etcdspring.client.watch.WatchMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the etcd watch counters, {@link MicrometerWatchMetrics}, and
 * the coalescing meters, {@link MicrometerCoalescingMetrics}, which the auto-configured
 * client picks up. Request timers ({@code etcd.client.requests}) come from the client's
 * observations, with Spring Boot's {@code ObservationRegistry}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ EtcdClient.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
public final class EtcdMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(WatchMetrics.class)
	MicrometerWatchMetrics etcdWatchMetrics(MeterRegistry meterRegistry) {
		return new MicrometerWatchMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean(CoalescingMetrics.class)
	MicrometerCoalescingMetrics etcdCoalescingMetrics(MeterRegistry meterRegistry) {
		return new MicrometerCoalescingMetrics(meterRegistry);
	}

}
