package dev.etcdspring.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdCompactedException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Watching through {@link EtcdTemplate}: blocking and callback forms, prefixes, resume
 * after a dropped connection, compaction. Each test gets its own etcd, since some restart
 * it.
 */
class EtcdTemplateWatchTests {

	@RegisterExtension
	EtcdServerExtension etcd = EtcdServerExtension.single();

	EtcdClient client;

	EtcdTemplate template;

	String root = "/watch-" + UUID.randomUUID() + "/";

	@BeforeEach
	void createClient() {
		this.client = TestTransport.builder().endpoints(this.etcd.endpoints()).build();
		this.template = new EtcdTemplate(this.client);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void nextShouldWaitForTheNextChange() throws Exception {
		String key = this.root + "a";
		CompletableFuture<Optional<WatchEvent>> next = CompletableFuture
			.supplyAsync(() -> this.template.watch(key).next(Duration.ofSeconds(20)));
		// keep changing the key until the waiting watch has seen a change
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.template.put(key, "3");
			return next.isDone();
		});
		WatchEvent event = next.get().orElseThrow();
		assertThat(event.type()).isEqualTo(WatchEvent.Type.PUT);
		assertThat(event.kv().keyAsString()).isEqualTo(key);
		assertThat(event.kv().valueAsString()).isEqualTo("3");
	}

	@Test
	void nextShouldReturnEmptyWhenNothingChangesInTime() {
		assertThat(this.template.watch(this.root + "quiet").next(Duration.ofMillis(300))).isEmpty();
	}

	@Test
	void nextFromRevisionShouldReturnAChangeThatAlreadyHappened() {
		long revision = this.template.put(this.root + "past", "already");
		Optional<WatchEvent> event = this.template.watch(this.root + "past")
			.fromRevision(revision)
			.next(Duration.ofSeconds(10));
		assertThat(event).hasValueSatisfying((e) -> assertThat(e.kv().valueAsString()).isEqualTo("already"));
	}

	@Test
	void callbackShouldReceiveEveryChangeOfAPrefixInOrder() {
		List<WatchEvent> events = new CopyOnWriteArrayList<>();
		long start = this.template.put(this.root + "marker", "start");
		try (Watch watch = this.template.watch(this.root + "dir/")
			.prefix()
			.fromRevision(start)
			.withPrevValue()
			.subscribe(events::add)) {
			this.template.put(this.root + "dir/a", "1");
			this.template.put(this.root + "dir/b", "2");
			this.template.put(this.root + "outside", "x");
			this.template.put(this.root + "dir/a", "3");
			this.template.delete(this.root + "dir/b");
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 4);
			assertThat(events).extracting((e) -> e.type() + " " + e.kv().keyAsString() + "=" + e.kv().valueAsString())
				.containsExactly("PUT " + this.root + "dir/a=1", "PUT " + this.root + "dir/b=2",
						"PUT " + this.root + "dir/a=3", "DELETE " + this.root + "dir/b=");
			assertThat(events.get(2).prevKv().valueAsString()).isEqualTo("1");
			assertThat(events).extracting(WatchEvent::revision).isSorted();
			assertThat(watch.nextRevision()).isEqualTo(events.get(3).revision() + 1);
		}
	}

	@Test
	void transactionChangingSeveralKeysShouldArriveAsOneRevision() {
		List<List<WatchEvent>> revisions = new CopyOnWriteArrayList<>();
		WatchListener listener = new WatchListener() {

			@Override
			public void onEvent(WatchEvent event) {
			}

			@Override
			public void onRevision(long revision, List<WatchEvent> events) {
				revisions.add(events);
			}

		};
		long start = this.template.put(this.root + "start", "x");
		try (Watch watch = this.template.watch(this.root + "tx/").prefix().fromRevision(start).subscribe(listener)) {
			this.template.txn().thenPut(this.root + "tx/a", "1").thenPut(this.root + "tx/b", "2").commit();
			await().atMost(Duration.ofSeconds(10)).until(() -> !revisions.isEmpty());
			assertThat(revisions.get(0)).hasSize(2);
		}
	}

	@Test
	void watchShouldResumeWithoutLossAfterTheServerRestarts() {
		List<WatchEvent> events = new CopyOnWriteArrayList<>();
		AtomicLong disconnects = new AtomicLong();
		long start = this.template.put(this.root + "start", "x");
		WatchListener listener = new WatchListener() {

			@Override
			public void onEvent(WatchEvent event) {
				events.add(event);
			}

			@Override
			public void onDisconnected(dev.etcdspring.client.exception.EtcdException cause) {
				disconnects.incrementAndGet();
			}

		};
		try (Watch watch = this.template.watch(this.root + "k").fromRevision(start + 1).subscribe(listener)) {
			this.template.put(this.root + "k", "before");
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
			this.etcd.server().kill();
			this.etcd.server().restart();
			// a change made while the stream was down must still arrive, once
			this.template.put(this.root + "k", "after-restart");
			await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 2);
			this.template.put(this.root + "k", "later");
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
			assertThat(events).extracting((e) -> e.kv().valueAsString())
				.containsExactly("before", "after-restart", "later");
			assertThat(disconnects.get()).isPositive();
		}
	}

	@Test
	void compactedStartRevisionShouldBeReported() {
		long first = this.template.put(this.root + "c", "1");
		this.template.put(this.root + "c", "2");
		long last = this.template.put(this.root + "c", "3");
		this.client.kv().compact(last, true);
		AtomicLong compactedAt = new AtomicLong();
		WatchListener listener = new WatchListener() {

			@Override
			public void onEvent(WatchEvent event) {
			}

			@Override
			public void onCompacted(long compactRevision) {
				compactedAt.set(compactRevision);
			}

		};
		try (Watch watch = this.template.watch(this.root + "c").fromRevision(first).subscribe(listener)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> compactedAt.get() == last);
			await().atMost(Duration.ofSeconds(5)).until(() -> !watch.isActive());
		}
		assertThatExceptionOfType(EtcdCompactedException.class)
			.isThrownBy(() -> this.template.watch(this.root + "c").fromRevision(first).next(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getCompactRevision()).isEqualTo(last));
		assertThatExceptionOfType(EtcdCompactedException.class)
			.isThrownBy(() -> this.template.list(this.root).atRevision(first).keys())
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.COMPACTED));
	}

	@Test
	void namespacedWatchShouldHideTheNamespace() {
		EtcdTemplate app = new EtcdTemplate(this.client, EtcdSerializer.standard(), this.root + "ns");
		long start = app.put("/k", "v");
		Optional<WatchEvent> event = app.watch("/k").fromRevision(start).next(Duration.ofSeconds(10));
		assertThat(event).hasValueSatisfying((e) -> assertThat(e.kv().keyAsString()).isEqualTo("/k"));
	}

	@Test
	void closedWatchShouldDeliverNothingMore() {
		List<WatchEvent> events = new CopyOnWriteArrayList<>();
		long start = this.template.put(this.root + "z", "1");
		Watch watch = this.template.watch(this.root + "z").fromRevision(start).subscribe(events::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
		watch.close();
		assertThat(watch.isActive()).isFalse();
		this.template.put(this.root + "z", "2");
		// a fresh watch from the same revision sees the change, so it was delivered by
		// etcd
		assertThat(this.template.watch(this.root + "z").fromRevision(start + 1).next(Duration.ofSeconds(10)))
			.isPresent();
		assertThat(events).hasSize(1);
	}

}
