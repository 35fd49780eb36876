package dev.etcdspring.client.mirror;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdMirror} against a real etcd: it holds the prefix as etcd has it, shows each
 * transaction all at once, lets a writer read its own writes, and keeps to its namespace
 * and filter.
 */
class EtcdMirrorTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	final String root = "/mirror-" + UUID.randomUUID() + "/";

	final EtcdTemplate template = new EtcdTemplate(client);

	@Test
	void mirrorWhenStartedShouldHoldThePrefixAsReadAtOneRevision() {
		this.template.put(this.root + "a", "1");
		this.template.put(this.root + "dir/b", "2");
		long last = this.template.put(this.root.substring(0, this.root.length() - 1) + "-other", "x");
		try (EtcdMirror mirror = EtcdMirror.create(client, this.root)) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			assertThat(mirror.revision()).isGreaterThanOrEqualTo(last);
			assertThat(values(mirror.entries())).containsExactly(Map.entry(this.root + "a", "1"),
					Map.entry(this.root + "dir/b", "2"));
			assertThat(mirror.get(this.root + "a")).contains("1");
			assertThat(mirror.get(this.root + "missing")).isEmpty();
			assertThat(mirror.getKeyValue(this.root + "dir/b")).get()
				.satisfies((kv) -> assertThat(kv.version()).isEqualTo(1));
			assertThat(mirror.isActive()).isTrue();
		}
	}

	@Test
	void awaitRevisionShouldLetAWriterReadItsOwnWrites() {
		try (EtcdMirror mirror = EtcdMirror.create(client, this.root)) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			for (int i = 0; i < 20; i++) {
				long revision = this.template.put(this.root + "counter", String.valueOf(i));
				assertThat(mirror.awaitRevision(revision, WAIT)).isTrue();
				assertThat(mirror.get(this.root + "counter")).contains(String.valueOf(i));
			}
			long deleted = this.template.execute((raw) -> raw.kv()
				.delete(dev.etcdspring.client.kv.DeleteRequest.prefix(this.root))
				.header()
				.revision());
			assertThat(mirror.awaitRevision(deleted, WAIT)).isTrue();
			assertThat(mirror.entries()).isEmpty();
		}
	}

	@Test
	void awaitRevisionShouldGiveUpAtItsTimeoutAndWhenClosed() {
		EtcdMirror mirror = EtcdMirror.create(client, this.root);
		try {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			long start = System.nanoTime();
			assertThat(mirror.awaitRevision(mirror.revision() + 1_000_000, Duration.ofMillis(300))).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
					Duration.ofSeconds(5));
		}
		finally {
			mirror.close();
		}
		assertThat(mirror.isActive()).isFalse();
		long closedAt = System.nanoTime();
		assertThat(mirror.awaitRevision(mirror.revision() + 1, WAIT)).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
		long later = this.template.put(this.root + "after-close", "1");
		try (EtcdMirror witness = EtcdMirror.create(client, this.root)) {
			assertThat(witness.awaitRevision(later, WAIT)).isTrue();
		}
		assertThat(mirror.get(this.root + "after-close")).isEmpty();
	}

	@Test
	void transactionShouldReachListenersAsOneChangeAndReadersAllAtOnce() throws InterruptedException {
		List<MirrorChange> changes = new CopyOnWriteArrayList<>();
		try (EtcdMirror mirror = EtcdMirror.builder(client).prefix(this.root).listener(changes::add).start()) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger reads = new AtomicInteger();
			AtomicReference<String> mix = new AtomicReference<>();
			Thread reader = new Thread(() -> {
				while (!stop.get()) {
					MirrorSnapshot snapshot = mirror.snapshot();
					Optional<String> a = snapshot.get(this.root + "a");
					Optional<String> b = snapshot.get(this.root + "b");
					Optional<String> c = snapshot.get(this.root + "c");
					if (!a.equals(b) || !b.equals(c)) {
						mix.compareAndSet(null, "a=" + a + " b=" + b + " c=" + c + " @" + snapshot.revision());
					}
					reads.incrementAndGet();
				}
			}, "mirror-reader");
			reader.start();
			long last = 0;
			try {
				for (int i = 0; i < 200; i++) {
					String value = String.valueOf(i);
					last = this.template.txn()
						.thenPut(this.root + "a", value)
						.thenPut(this.root + "b", value)
						.thenPut(this.root + "c", value)
						.commit()
						.revision();
				}
				assertThat(mirror.awaitRevision(last, WAIT)).isTrue();
			}
			finally {
				stop.set(true);
				reader.join(10_000);
			}
			assertThat(mix.get()).as("a reader saw part of a transaction").isNull();
			assertThat(reads.get()).isPositive();
			// awaitRevision wakes when the state is readable, before listeners are told
			await().atMost(WAIT).until(() -> changes.size() >= 201);
			assertThat(changes.get(0).kind()).isEqualTo(MirrorChange.Kind.LOADED);
			List<MirrorChange> updates = changes.subList(1, changes.size());
			assertThat(updates).hasSize(200).allSatisfy((change) -> {
				assertThat(change.kind()).isEqualTo(MirrorChange.Kind.CHANGED);
				assertThat(change.changedKeys()).containsExactly(this.root + "a", this.root + "b", this.root + "c");
				assertThat(change.events()).extracting(WatchEvent::revision).containsOnly(change.revision());
				assertThat(change.current().revision()).isEqualTo(change.revision());
				assertThat(change.previous().revision()).isLessThan(change.revision());
			});
			assertThat(updates.get(199).revision()).isEqualTo(last);
			assertThat(mirror.get(this.root + "c")).contains("199");
		}
	}

	@Test
	void listenerGivenToTheBuilderShouldSeeTheFirstLoadAndAFailingOneShouldNotStopTheOthers() {
		this.template.put(this.root + "a", "1");
		List<MirrorChange> changes = new CopyOnWriteArrayList<>();
		try (EtcdMirror mirror = EtcdMirror.builder(client).prefix(this.root).listener((change) -> {
			throw new IllegalStateException("listener bug");
		}).listener(changes::add).start()) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			long revision = this.template.put(this.root + "b", "2");
			await().atMost(WAIT).until(() -> changes.size() == 2);
			assertThat(changes.get(0).kind()).isEqualTo(MirrorChange.Kind.LOADED);
			assertThat(changes.get(0).changedKeys()).containsExactly(this.root + "a");
			assertThat(changes.get(0).previous().revision()).isZero();
			assertThat(changes.get(1).revision()).isEqualTo(revision);
			assertThat(changes.get(1).events()).singleElement()
				.satisfies((event) -> assertThat(event.type()).isEqualTo(WatchEvent.Type.PUT));
			assertThat(mirror.get(this.root + "b")).contains("2");
		}
	}

	@Test
	void templateMirrorShouldKeepToTheNamespace() {
		String namespace = "/ns-" + UUID.randomUUID();
		EtcdTemplate namespaced = new EtcdTemplate(client, EtcdSerializer.standard(), namespace);
		this.template.put("/config/outside-" + namespace, "no");
		namespaced.put("/config/a", "1");
		try (EtcdMirror mirror = namespaced.mirror("/config/")) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			long revision = namespaced.put("config/b", "2");
			assertThat(mirror.awaitRevision(revision, WAIT)).isTrue();
			assertThat(values(mirror.entries())).containsExactly(Map.entry("/config/a", "1"),
					Map.entry("/config/b", "2"));
			assertThat(mirror.getKeyValue("/config/b")).get().extracting(KeyValue::keyAsString).isEqualTo("/config/b");
			assertThat(mirror.prefix()).isEqualTo("/config/");
			assertThat(etcd.etcdctl("get", namespace + "/config/b", "--print-value-only").stdout()).isEqualTo("2\n");
		}
	}

	@Test
	void filterShouldKeepOnlyTheKeysItAccepts() {
		List<MirrorChange> changes = new CopyOnWriteArrayList<>();
		try (EtcdMirror mirror = EtcdMirror.builder(client)
			.prefix(this.root)
			.filter((key) -> key.endsWith(".yml"))
			.listener(changes::add)
			.start()) {
			assertThat(mirror.awaitReady(WAIT)).isTrue();
			long ignored = this.template.put(this.root + "a.txt", "x");
			assertThat(mirror.awaitRevision(ignored, WAIT)).isTrue();
			long kept = this.template.put(this.root + "a.yml", "y");
			assertThat(mirror.awaitRevision(kept, WAIT)).isTrue();
			assertThat(mirror.entries()).containsOnlyKeys(this.root + "a.yml");
			// awaitRevision wakes when the state is readable, before listeners are told
			await().atMost(WAIT).until(() -> changes.size() >= 2);
			assertThat(changes).extracting(MirrorChange::kind)
				.containsExactly(MirrorChange.Kind.LOADED, MirrorChange.Kind.CHANGED);
			assertThat(changes.get(1).revision()).isEqualTo(kept);
		}
	}

	static Map<String, String> values(Map<String, KeyValue> entries) {
		Map<String, String> values = new TreeMap<>();
		entries.forEach((key, kv) -> values.put(key, kv.valueAsString()));
		return values;
	}

}
