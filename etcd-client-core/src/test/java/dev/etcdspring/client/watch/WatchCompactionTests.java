package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.bytes;
import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static dev.etcdspring.client.watch.WatchTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A watch whose history was compacted away: with {@code resyncOnCompaction()} it is told
 * the compact revision, gets the current state as a snapshot and goes on, so that state
 * kept from snapshots and events equals what a fresh read returns; without, it is told
 * and ends.
 */
class WatchCompactionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension single = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdServerExtension cluster = EtcdServerExtension.cluster(3);

	final String root = "/compaction-" + UUID.randomUUID() + "/";

	@Test
	void resyncOnCompactionShouldDeliverTheCurrentStateWhenTheStartRevisionIsCompacted() {
		try (EtcdClient client = TestTransport.builder().endpoints(single.endpoints()).build()) {
			long first = put(client, this.root + "a", "1");
			put(client, this.root + "b", "1");
			put(client, this.root + "a", "2");
			put(client, this.root + "c", "1");
			delete(client, this.root + "b");
			long compacted = put(client, this.root + "a", "3");
			client.kv().compact(compacted, true);
			StateListener state = new StateListener();
			try (Watch watch = client.watches()
				.watch(WatchRequest.prefix(this.root).startRevision(first).resyncOnCompaction(), state)) {
				await("compaction reported and state resynced").atMost(WAIT)
					.until(() -> !state.compactions.isEmpty() && state.state().equals(read(client, this.root)));
				assertThat(state.compactions).containsExactly(compacted);
				assertThat(state.snapshots).singleElement()
					.satisfies((revision) -> assertThat(revision).isGreaterThanOrEqualTo(compacted));
				assertThat(state.state()).isEqualTo(Map.of(this.root + "a", "3", this.root + "c", "1"));

				put(client, this.root + "d", "1");
				put(client, this.root + "a", "4");
				long last = delete(client, this.root + "c");
				await("changes after the resync").atMost(WAIT).until(() -> state.lastRevision >= last);
				assertThat(state.state()).isEqualTo(read(client, this.root));
				assertThat(state.stale).as("events at or below a revision already delivered").hasValue(0);
				assertThat(watch.isActive()).isTrue();
			}
		}
	}

	@Test
	void withoutResyncACompactedWatchShouldReportTheCompactionAndEnd() {
		try (EtcdClient client = TestTransport.builder().endpoints(single.endpoints()).build()) {
			long first = put(client, this.root + "a", "1");
			put(client, this.root + "a", "2");
			long compacted = put(client, this.root + "a", "3");
			client.kv().compact(compacted, true);
			StateListener state = new StateListener();
			try (Watch watch = client.watches().watch(WatchRequest.prefix(this.root).startRevision(first), state)) {
				await("compaction reported").atMost(WAIT).until(() -> !state.compactions.isEmpty());
				await("watch ended").atMost(WAIT).until(() -> !watch.isActive());
				long later = put(client, this.root + "a", "4");
				// another watch sees the later change, so etcd did send it
				StateListener other = new StateListener();
				try (Watch witness = client.watches()
					.watch(WatchRequest.prefix(this.root).startRevision(later), other)) {
					await("a fresh watch seeing the later change").atMost(WAIT)
						.until(() -> other.lastRevision >= later);
				}
				assertThat(state.compactions).containsExactly(compacted);
				assertThat(state.snapshots).isEmpty();
				assertThat(state.state()).isEmpty();
			}
		}
	}

	/**
	 * The subscriber's client knows only one member. That member is killed, the others
	 * take writes and a compaction past the subscriber's next revision, then the member
	 * comes back: the subscriber resumes there, meets the compaction and resyncs.
	 */
	@Test
	void resyncOnCompactionShouldRecoverASubscriberDisconnectedAcrossACompaction() {
		EtcdCluster members = cluster.cluster();
		// not the leader: the others go on taking writes without an election
		EtcdServer victim = members.follower();
		List<String> others = members.endpointsExcept(victim);
		try (EtcdClient subscriberClient = TestTransport.builder().endpoints(victim.endpoint()).build();
				EtcdClient writer = TestTransport.builder().endpoints(others).build()) {
			long first = put(writer, this.root + "a", "1");
			put(writer, this.root + "b", "1");
			long caughtUp = put(writer, this.root + "c", "1");
			StateListener state = new StateListener();
			try (Watch watch = subscriberClient.watches()
				.watch(WatchRequest.prefix(this.root).startRevision(first).resyncOnCompaction(), state)) {
				await("subscriber caught up").atMost(WAIT).until(() -> state.lastRevision >= caughtUp);
				victim.kill();
				members.leader();
				await("subscriber told of the broken stream").atMost(WAIT).until(() -> state.disconnects.get() > 0);
				put(writer, this.root + "a", "2");
				delete(writer, this.root + "b");
				long compacted = put(writer, this.root + "d", "1");
				writer.kv().compact(compacted, true);
				put(writer, this.root + "e", "1");
				put(writer, this.root + "a", "3");
				assertThat(state.lastRevision).as("nothing delivered while the only member was down")
					.isEqualTo(caughtUp);
				victim.restart();
				await("compaction reported and state resynced").atMost(Duration.ofSeconds(60))
					.until(() -> !state.compactions.isEmpty() && state.state().equals(read(writer, this.root)));
				assertThat(state.compactions).containsExactly(compacted);
				assertThat(state.state()).isEqualTo(
						Map.of(this.root + "a", "3", this.root + "c", "1", this.root + "d", "1", this.root + "e", "1"));

				long last = put(writer, this.root + "f", "1");
				await("changes after the resync").atMost(WAIT).until(() -> state.lastRevision >= last);
				assertThat(state.state()).isEqualTo(read(writer, this.root));
				assertThat(state.stale).as("events at or below a revision already delivered").hasValue(0);
				assertThat(watch.isActive()).isTrue();
			}
		}
		finally {
			if (!victim.isRunning()) {
				victim.restart();
			}
		}
	}

	private static long delete(EtcdClient client, String key) {
		return client.kv().delete(DeleteRequest.key(bytes(key))).header().revision();
	}

	/**
	 * Keeps what a user would: the watched keys' current values, replaced by each
	 * snapshot and updated by each change.
	 */
	static final class StateListener implements WatchListener {

		private final Map<String, String> state = new TreeMap<>();

		final List<Long> compactions = new CopyOnWriteArrayList<>();

		final List<Long> snapshots = new CopyOnWriteArrayList<>();

		final AtomicInteger disconnects = new AtomicInteger();

		final AtomicInteger stale = new AtomicInteger();

		volatile long lastRevision;

		@Override
		public void onEvent(WatchEvent event) {
			onRevision(event.revision(), List.of(event));
		}

		@Override
		public synchronized void onRevision(long revision, List<WatchEvent> events) {
			if (revision <= this.lastRevision) {
				this.stale.incrementAndGet();
			}
			for (WatchEvent event : events) {
				if (event.type() == WatchEvent.Type.DELETE) {
					this.state.remove(event.kv().keyAsString());
				}
				else {
					this.state.put(event.kv().keyAsString(), event.kv().valueAsString());
				}
			}
			this.lastRevision = revision;
		}

		@Override
		public synchronized void onSnapshot(long revision, List<KeyValue> kvs) {
			this.state.clear();
			this.state.putAll(WatchTestSupport.toMap(kvs));
			this.snapshots.add(revision);
			this.lastRevision = revision;
		}

		@Override
		public void onCompacted(long compactRevision) {
			this.compactions.add(compactRevision);
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			this.disconnects.incrementAndGet();
		}

		synchronized Map<String, String> state() {
			return new TreeMap<>(this.state);
		}

	}

}
