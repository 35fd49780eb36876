package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.test.EtcdServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.awaitQuietly;
import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static dev.etcdspring.client.watch.WatchTestSupport.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How watches deliver: a listener that blocks holds up neither the other subscriptions of
 * its client (so listeners do not run on the thread that reads the stream) nor loses
 * anything itself; the initial state and the changes after it join with no gap and no
 * duplicate.
 */
class WatchDeliveryTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	final String root = "/delivery-" + UUID.randomUUID() + "/";

	@Test
	void blockedListenerShouldNotHoldUpOtherSubscriptionsOfTheSameClient() throws Exception {
		assertBlockedListenerHoldsUpNoOneAndLosesNothing(client, 20);
	}

	@Test
	void blockedListenerPastItsQueueCapacityShouldCatchUpWithoutLoss() throws Exception {
		try (EtcdClient small = TestTransport.builder().endpoints(etcd.endpoints()).watchQueueCapacity(4).build()) {
			assertBlockedListenerHoldsUpNoOneAndLosesNothing(small, 50);
		}
	}

	@Test
	void listenersShouldRunOnTheApplicationsExecutorWhenGivenOne() throws Exception {
		ExecutorService executor = Executors.newCachedThreadPool((task) -> new Thread(task, "app-listener"));
		try (EtcdClient own = TestTransport.builder().endpoints(etcd.endpoints()).watchExecutor(executor).build()) {
			assertBlockedListenerHoldsUpNoOneAndLosesNothing(own, 20);
			List<String> threads = new CopyOnWriteArrayList<>();
			String key = this.root + "executor";
			long start = put(own, key, "-") + 1;
			try (Watch watch = own.watches()
				.watch(WatchRequest.key(key).startRevision(start),
						(event) -> threads.add(Thread.currentThread().getName()))) {
				for (int i = 0; i < 5; i++) {
					put(own, key, "v" + i);
				}
				awaitQuietly(WAIT, () -> threads.size() >= 5);
				assertThat(threads).hasSize(5).containsOnly("app-listener");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Block one listener of key {@code a} in its first call; another subscription of
	 * {@code a} and one of {@code b}, on the same client, must go on receiving; once
	 * released, the blocked one receives every change of {@code a}, in order.
	 */
	private void assertBlockedListenerHoldsUpNoOneAndLosesNothing(EtcdClient client, int changes) throws Exception {
		String a = this.root + "a";
		String b = this.root + "b";
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> blocked = new CopyOnWriteArrayList<>();
		List<String> sameKey = new CopyOnWriteArrayList<>();
		List<String> otherKey = new CopyOnWriteArrayList<>();
		long start = put(client, this.root + "start", "-") + 1;
		List<Watch> watches = new ArrayList<>();
		try {
			watches.add(client.watches().watch(WatchRequest.key(a).startRevision(start), (event) -> {
				blocked.add(event.kv().valueAsString());
				entered.countDown();
				try {
					release.await(2, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			watches.add(client.watches()
				.watch(WatchRequest.key(a).startRevision(start), (event) -> sameKey.add(event.kv().valueAsString())));
			watches.add(client.watches()
				.watch(WatchRequest.key(b).startRevision(start), (event) -> otherKey.add(event.kv().valueAsString())));
			put(client, a, "a-0");
			assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("first listener called").isTrue();
			List<String> expectedA = new ArrayList<>(List.of("a-0"));
			List<String> expectedB = new ArrayList<>();
			for (int i = 1; i <= changes; i++) {
				put(client, a, "a-" + i);
				put(client, b, "b-" + i);
				expectedA.add("a-" + i);
				expectedB.add("b-" + i);
			}
			awaitQuietly(WAIT, () -> sameKey.size() >= expectedA.size() && otherKey.size() >= expectedB.size());
			assertThat(sameKey).as("the other subscription of the same key, while one listener is blocked")
				.containsExactlyElementsOf(expectedA);
			assertThat(otherKey).as("the subscription of another key, while one listener is blocked")
				.containsExactlyElementsOf(expectedB);
			assertThat(blocked).as("still blocked in its first call").containsExactly("a-0");
			release.countDown();
			awaitQuietly(WAIT, () -> blocked.size() >= expectedA.size());
			assertThat(blocked).as("the released listener, %s later", WAIT).containsExactlyElementsOf(expectedA);
		}
		finally {
			release.countDown();
			watches.forEach(Watch::close);
		}
	}

	@Test
	void initialStateShouldBeFollowedByEveryLaterChangeWithNoGapOrDuplicate() throws Exception {
		int keys = 5;
		for (int i = 0; i < keys; i++) {
			put(client, this.root + "k" + i, "initial");
		}
		List<Written> written = new CopyOnWriteArrayList<>();
		AtomicReference<@Nullable Throwable> writerFailure = new AtomicReference<>();
		CountDownLatch stop = new CountDownLatch(1);
		Thread writer = new Thread(() -> {
			try {
				for (int seq = 0; stop.getCount() > 0; seq++) {
					String key = this.root + "k" + (seq % keys);
					String value = "w-" + seq;
					written.add(new Written(put(client, key, value), key, value));
				}
			}
			catch (Throwable ex) {
				writerFailure.set(ex);
			}
		}, "initial-state-writer");
		writer.setDaemon(true);
		Recorder recorder = new Recorder();
		Watch watch = null;
		try {
			writer.start();
			// start the watch while writes flow
			await().atMost(WAIT).until(() -> written.size() >= 20 || writerFailure.get() != null);
			watch = client.watches().watch(WatchRequest.prefix(this.root).withInitialState(), recorder);
			await("the snapshot and 100 writes after its revision").atMost(WAIT)
				.until(() -> writerFailure.get() != null || (!recorder.snapshots.isEmpty() && written.stream()
					.filter((w) -> w.revision() > recorder.snapshots.get(0).revision())
					.count() >= 100));
		}
		finally {
			stop.countDown();
			writer.join(WAIT.toMillis());
		}
		assertThat(writerFailure.get()).as("writer failure").isNull();
		long end = put(client, this.root + "end", "-");
		written.add(new Written(end, this.root + "end", "-"));
		try (Watch started = watch) {
			await("the end marker").atMost(WAIT).until(() -> recorder.lastRevision >= end);
			assertThat(started.isActive()).isTrue();
		}
		assertThat(recorder.snapshots).as("snapshots").hasSize(1);
		Snapshot snapshot = recorder.snapshots.get(0);
		assertThat(recorder.callbacks.get(0)).as("first callback").isEqualTo("snapshot@" + snapshot.revision());
		assertThat(written).as("writes before and after the snapshot's revision")
			.anySatisfy((w) -> assertThat(w.revision()).isLessThanOrEqualTo(snapshot.revision()))
			.anySatisfy((w) -> assertThat(w.revision()).isGreaterThan(snapshot.revision()));
		assertThat(toMap(snapshot.kvs())).as("snapshot at revision %d", snapshot.revision())
			.isEqualTo(toMap(client.kv().range(RangeQuery.prefix(this.root).revision(snapshot.revision())).kvs()));
		List<Written> expected = written.stream().filter((w) -> w.revision() > snapshot.revision()).toList();
		assertThat(recorder.events).as("changes after the snapshot").containsExactlyElementsOf(expected);
	}

	@Test
	void initialStateOfAMissingKeyShouldBeAnEmptySnapshot() {
		String key = this.root + "missing";
		Recorder recorder = new Recorder();
		try (Watch watch = client.watches().watch(WatchRequest.key(key).withInitialState(), recorder)) {
			await("the snapshot").atMost(WAIT).until(() -> !recorder.snapshots.isEmpty());
			long revision = put(client, key, "now");
			await("the change").atMost(WAIT).until(() -> recorder.lastRevision >= revision);
			assertThat(recorder.snapshots).singleElement().satisfies((snapshot) -> {
				assertThat(snapshot.kvs()).isEmpty();
				assertThat(snapshot.revision()).isLessThan(revision);
			});
			assertThat(recorder.events).containsExactly(new Written(revision, key, "now"));
		}
	}

	record Written(long revision, String key, String value) {
	}

	record Snapshot(long revision, List<KeyValue> kvs) {
	}

	static final class Recorder implements WatchListener {

		final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();

		final List<Written> events = new CopyOnWriteArrayList<>();

		final List<String> callbacks = new CopyOnWriteArrayList<>();

		volatile long lastRevision;

		@Override
		public void onEvent(WatchEvent event) {
			onRevision(event.revision(), List.of(event));
		}

		@Override
		public void onRevision(long revision, List<WatchEvent> events) {
			this.callbacks.add("revision@" + revision);
			events.forEach((event) -> this.events
				.add(new Written(event.revision(), event.kv().keyAsString(), event.kv().valueAsString())));
			this.lastRevision = revision;
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			this.callbacks.add("snapshot@" + revision);
			this.snapshots.add(new Snapshot(revision, List.copyOf(kvs)));
			this.lastRevision = revision;
		}

	}

}
