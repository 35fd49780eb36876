package dev.etcdspring.boot.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.etcdspring.client.kv.CoalescingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * {@link CoalescingMetrics} as Micrometer meters, each tagged with the {@code lane}
 * ({@code linearizable-reads}, {@code serializable-reads}, {@code writes}):
 * {@value #BATCH} (a distribution of the requests each round trip answered: 1 for a
 * request sent alone), {@value #REQUESTS} (requests, tagged {@code coalesced} true when
 * they shared a round trip; its share of the total is the coalesced share) and
 * {@value #RESENT} (requests sent again alone after etcd refused their combined
 * transaction).
 *
 * @since 0.1.0
 */
public class MicrometerCoalescingMetrics implements CoalescingMetrics {

	/** Name of the distribution of requests per round trip. */
	public static final String BATCH = "etcd.client.coalescing.batch";

	/** Name of the counter of requests, alone or coalesced. */
	public static final String REQUESTS = "etcd.client.coalescing.requests";

	/** Name of the counter of requests resent alone. */
	public static final String RESENT = "etcd.client.coalescing.resent";

	private final MeterRegistry registry;

	private final Map<String, LaneMeters> lanes = new ConcurrentHashMap<>();

	/**
	 * Create the meters in the given registry.
	 * @param registry the registry
	 */
	public MicrometerCoalescingMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
	}

	@Override
	public void roundTrip(String lane, int requests) {
		LaneMeters meters = meters(lane);
		meters.batch.record(requests);
		(requests > 1 ? meters.coalesced : meters.alone).increment(requests);
	}

	@Override
	public void resentAlone(String lane, int requests) {
		meters(lane).resent.increment(requests);
	}

	private LaneMeters meters(String lane) {
		return this.lanes.computeIfAbsent(lane, (name) -> new LaneMeters(this.registry, name));
	}

	/** The meters of one lane, made once: a round trip only looks them up. */
	private static final class LaneMeters {

		private final DistributionSummary batch;

		private final Counter alone;

		private final Counter coalesced;

		private final Counter resent;

		LaneMeters(MeterRegistry registry, String lane) {
			this.batch = DistributionSummary.builder(BATCH)
				.description("Requests answered by one round trip to etcd")
				.baseUnit("requests")
				.tag("lane", lane)
				.register(registry);
			this.alone = requests(registry, lane, false);
			this.coalesced = requests(registry, lane, true);
			this.resent = Counter.builder(RESENT)
				.description("Requests sent again alone after etcd refused their combined transaction")
				.tag("lane", lane)
				.register(registry);
		}

		private static Counter requests(MeterRegistry registry, String lane, boolean coalesced) {
			return Counter.builder(REQUESTS)
				.description("Requests to etcd, by whether they shared a round trip")
				.baseUnit("requests")
				.tag("lane", lane)
				.tag("coalesced", String.valueOf(coalesced))
				.register(registry);
		}

	}

}
