package dev.etcdspring.boot.metrics;

import dev.etcdspring.client.watch.WatchMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * {@link WatchMetrics} as Micrometer counters: {@value #EVENTS} (events delivered to
 * listeners), {@value #RECONNECTS} (watch streams moved away from a member, tagged with
 * the member's {@code endpoint}) and {@value #COMPACTIONS} (watches that found their
 * history compacted).
 *
 * @since 0.1.0
 */
public class MicrometerWatchMetrics implements WatchMetrics {

	/** Name of the counter of watch events. */
	public static final String EVENTS = "etcd.watch.events";

	/** Name of the counter of watch stream reconnects. */
	public static final String RECONNECTS = "etcd.watch.reconnects";

	/** Name of the counter of compacted watches. */
	public static final String COMPACTIONS = "etcd.watch.compactions";

	private final MeterRegistry registry;

	private final Counter events;

	private final Counter compactions;

	/**
	 * Create counters in the given registry.
	 * @param registry the registry
	 */
	public MicrometerWatchMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
		this.events = Counter.builder(EVENTS)
			.description("Watch events received for listeners")
			.baseUnit("events")
			.register(registry);
		this.compactions = Counter.builder(COMPACTIONS)
			.description("Watches that found the history they needed compacted away")
			.register(registry);
	}

	@Override
	public void eventsReceived(int count) {
		this.events.increment(count);
	}

	@Override
	public void streamReconnected(String endpoint) {
		// rare: looking the counter up each time costs nothing worth caching
		Counter.builder(RECONNECTS)
			.description("Watch streams that broke or went silent and were moved to a member")
			.tag("endpoint", endpoint)
			.register(this.registry)
			.increment();
	}

	@Override
	public void compacted(long compactRevision) {
		this.compactions.increment();
	}

}
