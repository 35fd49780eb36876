package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Progress notifications: a watch that saw no change for a while learns from etcd how far
 * the store got, and resumes from there after its stream broke, even when the history
 * after its last change was compacted meanwhile. A watch that did not ask for them
 * resumes from its last change and meets the compaction.
 */
class WatchProgressTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** etcd's default is 10 minutes; a short interval lets a test hear several. */
	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--experimental-watch-progress-notify-interval=300ms");

	private final String root = "/progress-" + UUID.randomUUID() + "/";

	@Test
	void idleWatchShouldResumeWithoutCompactionOnceEtcdToldItsProgress() {
		String key = this.root + "watched";
		try (EtcdClient client = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			long first = put(client, key, "1");
			Recorder notified = new Recorder();
			Recorder silent = new Recorder();
			try (Watch withProgress = client.watches().watch(WatchRequest.key(key).startRevision(first), notified);
					Watch withoutProgress = client.watches()
						.watch(WatchRequest.key(key).startRevision(first).progressNotify(false), silent)) {
				await("both watches saw the first change").atMost(WAIT)
					.until(() -> notified.revisions.contains(first) && silent.revisions.contains(first));
				// other keys move the store on; the watched key stays idle
				long head = 0;
				for (int i = 0; i < 5; i++) {
					head = put(client, this.root + "other-" + i, "x");
				}
				long storeRevision = head;
				await("a progress notification at the store's revision").atMost(WAIT)
					.until(() -> notified.progress.get() >= storeRevision);
				assertThat(withProgress.nextRevision()).isGreaterThan(storeRevision);
				assertThat(withoutProgress.nextRevision()).isEqualTo(first + 1);
				assertThat(silent.progress).as("progress told to a watch that did not ask").hasValue(0);

				// the history after the watched key's last change is gone
				client.kv().compact(storeRevision, true);
				etcd.server().restart();
				long next;
				try (EtcdClient writer = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
					next = put(writer, key, "2");
				}
				await("the watch with progress saw the next change").atMost(WAIT)
					.until(() -> notified.revisions.contains(next));
				await("the watch without progress met the compaction").atMost(WAIT)
					.until(() -> !silent.compactions.isEmpty());

				assertThat(notified.disconnects).as("the stream broke").hasPositiveValue();
				assertThat(notified.compactions).isEmpty();
				assertThat(notified.revisions).containsExactly(first, next);
				assertThat(withProgress.isActive()).isTrue();
				assertThat(silent.compactions).containsExactly(storeRevision);
				assertThat(silent.revisions).containsExactly(first);
				assertThat(withoutProgress.isActive()).isFalse();
			}
		}
	}

	@Test
	void progressShouldReachTheListenerAfterTheEventsBeforeIt() {
		String key = this.root + "ordered";
		try (EtcdClient client = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			Recorder recorder = new Recorder();
			try (Watch watch = client.watches().watch(WatchRequest.key(key), recorder)) {
				long changed = put(client, key, "1");
				long later = put(client, this.root + "elsewhere", "x");
				await("progress past the change").atMost(WAIT).until(() -> recorder.progress.get() >= later);
				assertThat(recorder.calls).contains("event@" + changed);
				// a notification says nothing changed up to its revision: an event at or
				// below it never comes after it
				long told = 0;
				for (String call : recorder.calls) {
					long revision = Long.parseLong(call.substring(call.indexOf('@') + 1));
					if (call.startsWith("event@")) {
						assertThat(revision).as("%s after progress at %d in %s", call, told, recorder.calls)
							.isGreaterThan(told);
					}
					told = Math.max(told, revision);
				}
				assertThat(watch.nextRevision()).isGreaterThan(later);
			}
		}
	}

	static final class Recorder implements WatchListener {

		final List<Long> revisions = new CopyOnWriteArrayList<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		final AtomicLong progress = new AtomicLong();

		final List<Long> compactions = new CopyOnWriteArrayList<>();

		final AtomicInteger disconnects = new AtomicInteger();

		@Override
		public void onEvent(WatchEvent event) {
		}

		@Override
		public void onRevision(long revision, List<WatchEvent> events) {
			this.revisions.add(revision);
			this.calls.add("event@" + revision);
		}

		@Override
		public void onProgress(long revision) {
			this.calls.add("progress@" + revision);
			this.progress.accumulateAndGet(revision, Math::max);
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			this.calls.add("snapshot@" + revision);
		}

		@Override
		public void onCompacted(long compactRevision) {
			this.compactions.add(compactRevision);
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			this.disconnects.incrementAndGet();
		}

	}

}
