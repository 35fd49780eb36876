package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.awaitQuietly;
import static dev.etcdspring.client.watch.WatchTestSupport.establishedConnectionsTo;
import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static dev.etcdspring.client.watch.WatchTestSupport.watchStreams;
import static dev.etcdspring.client.watch.WatchTestSupport.watchers;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Many watches of one client share its streams: 1,000 subscriptions are served by at most
 * two gateway streams, and each still receives exactly its own changes.
 */
class WatchScaleTests {

	private static final int KEY_SUBSCRIPTIONS = 900;

	private static final int PREFIX_SUBSCRIPTIONS = 100;

	private static final int MAX_STREAMS = 2;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void thousandSubscriptionsOfOneClientShouldShareAtMostTwoStreams() {
		String root = "/scale-" + UUID.randomUUID() + "/";
		String endpoint = etcd.endpoint();
		int port = etcd.server().clientPort();
		List<Subscription> subscriptions = new ArrayList<>();
		for (int i = 0; i < KEY_SUBSCRIPTIONS; i++) {
			String key = root + "k/%03d".formatted(i);
			subscriptions.add(new Subscription(WatchRequest.key(key), key));
		}
		for (int i = 0; i < PREFIX_SUBSCRIPTIONS; i++) {
			String prefix = root + "p/%02d/".formatted(i);
			subscriptions.add(new Subscription(WatchRequest.prefix(prefix), prefix + "x"));
		}
		// No liveness probe during the test: its requests would add pooled connections
		// that are not streams. The put below leaves one idle pooled connection; with
		// no request in flight, that is the baseline.
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.watchProbeInterval(Duration.ofMinutes(10))
			.build()) {
			long start = put(client, root + "start", "-") + 1;
			int baselineConnections = establishedConnectionsTo(port);
			long baselineStreams = watchStreams(endpoint).orElseThrow();
			long baselineWatchers = watchers(endpoint).orElseThrow();
			List<Watch> watches = new ArrayList<>();
			try {
				for (Subscription subscription : subscriptions) {
					watches.add(client.watches()
						.watch(subscription.request.startRevision(start), (event) -> subscription.events.add(event)));
				}
				// Settled: etcd serves each subscription exactly once (while a stream
				// replaces another, some are counted twice).
				AtomicLong served = new AtomicLong();
				awaitQuietly(Duration.ofSeconds(60), () -> {
					served.set(watchers(endpoint).orElse(0) - baselineWatchers);
					return served.get() == subscriptions.size();
				});
				int connections = establishedConnectionsTo(port) - baselineConnections;
				long streams = watchStreams(endpoint).orElseThrow() - baselineStreams;

				for (Subscription subscription : subscriptions) {
					put(client, subscription.writtenKey, "v-" + subscription.writtenKey);
				}
				awaitQuietly(Duration.ofSeconds(60),
						() -> subscriptions.stream().allMatch((subscription) -> !subscription.events.isEmpty()));
				List<String> missing = subscriptions.stream()
					.filter((subscription) -> subscription.events.isEmpty())
					.map((subscription) -> subscription.writtenKey)
					.toList();
				List<String> unexpected = subscriptions.stream()
					.filter((subscription) -> !subscription.events.isEmpty()
							&& !subscription.receivedExactlyItsChange())
					.map((subscription) -> subscription.writtenKey + " " + subscription.events)
					.toList();

				assertSoftly((softly) -> {
					softly.assertThat(served.get())
						.as("watchers etcd serves for %d subscriptions, when settled", subscriptions.size())
						.isEqualTo(subscriptions.size());
					softly.assertThat(connections)
						.as("connections from this JVM to etcd for %d watches, besides the idle pooled one",
								subscriptions.size())
						.isLessThanOrEqualTo(MAX_STREAMS);
					softly.assertThat(streams)
						.as("watch streams etcd serves for %d watches", subscriptions.size())
						.isLessThanOrEqualTo(MAX_STREAMS);
					softly.assertThat(missing.size())
						.as("subscriptions that did not receive their change, e.g. %s",
								missing.subList(0, Math.min(5, missing.size())))
						.isZero();
					softly.assertThat(unexpected).as("subscriptions that received more or other changes").isEmpty();
				});
			}
			finally {
				watches.forEach(Watch::close);
			}
		}
	}

	static final class Subscription {

		final WatchRequest request;

		final String writtenKey;

		final List<WatchEvent> events = new CopyOnWriteArrayList<>();

		Subscription(WatchRequest request, String writtenKey) {
			this.request = request;
			this.writtenKey = writtenKey;
		}

		boolean receivedExactlyItsChange() {
			return this.events.size() == 1 && this.events.get(0).kv().keyAsString().equals(this.writtenKey)
					&& this.events.get(0).kv().valueAsString().equals("v-" + this.writtenKey);
		}

	}

}
