package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.exception.EtcdSerializationException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.awaitQuietly;
import static dev.etcdspring.client.watch.WatchTestSupport.bytes;
import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static dev.etcdspring.client.watch.WatchTestSupport.watchers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches through member failures of a 3-member cluster: while a writer puts more than
 * 10,000 values, the member serving the watch stream and the leader are killed and
 * restarted, and the serving member is frozen with SIGSTOP for longer than the liveness
 * probe needs. Every subscriber must receive exactly what etcd holds: nothing lost,
 * nothing twice, nothing out of order, and it must keep receiving while a member is
 * frozen.
 */
class WatchFaultTests {

	private static final int KEYS = 10;

	private static final int WRITER_THREADS = 5;

	private static final long MIN_EVENTS = 10_000;

	/** How long a SIGSTOPped member stays frozen: longer than the probe needs (~5 s). */
	private static final Duration PAUSE = Duration.ofSeconds(8);

	/** How long the subscribers may take to move off a frozen member and catch up. */
	private static final Duration PAUSED_PROGRESS_DEADLINE = Duration.ofSeconds(20);

	private static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(45);

	private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(90);

	private static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	/** Subscribers that received nothing while the member serving them was frozen. */
	private final List<String> stalls = new CopyOnWriteArrayList<>();

	/** Anything else that went wrong while faults were injected; it ends the faults. */
	private final List<String> problems = new CopyOnWriteArrayList<>();

	private int faults;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void everySubscriberShouldReceiveExactlyWhatEtcdHoldsThroughMemberFailures() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		String root = "/faults-" + UUID.randomUUID() + "/";
		List<String> endpoints = cluster.endpoints();
		// The writer prefers another member than the watches, so that freezing the member
		// that serves the watches does not also stop the writes they should receive.
		List<String> writerEndpoints = List.of(endpoints.get(1), endpoints.get(2), endpoints.get(0));
		try (EtcdClient watching = TestTransport.builder().endpoints(endpoints).build();
				EtcdClient writing = TestTransport.builder().endpoints(writerEndpoints).build()) {
			long start = put(writing, root + "start", "-") + 1;
			String k0 = root + "k0";
			String k7 = root + "k7";
			List<Subscriber> subscribers = List.of(
					new Subscriber("exact-key", WatchRequest.key(k0).startRevision(start), k0::equals, false),
					new Subscriber("prefix", WatchRequest.prefix(root + "k").startRevision(start),
							(key) -> key.startsWith(root + "k"), false),
					new Subscriber("prefix-prevKv", WatchRequest.prefix(root).startRevision(start).prevKv(),
							(key) -> key.startsWith(root), true),
					new Subscriber("exact-key-prevKv", WatchRequest.key(k7).startRevision(start).prevKv(), k7::equals,
							true));
			List<Watch> watches = new ArrayList<>();
			subscribers.forEach((subscriber) -> watches.add(watching.watches().watch(subscriber.request, subscriber)));
			Writer writer = new Writer(writing, root);
			Faults faults = new Faults(cluster, subscribers, writer);
			try {
				writer.start();
				if (faults.awaitProgress("before the first fault")) {
					faults.inject(Fault.KILL_SERVING, Fault.PAUSE_SERVING, Fault.KILL_LEADER, Fault.KILL_SERVING,
							Fault.PAUSE_SERVING, Fault.KILL_LEADER);
				}
				awaitQuietly(Duration.ofMinutes(3),
						() -> writer.acked.size() >= MIN_EVENTS || writer.failure.get() != null);
			}
			finally {
				writer.stop();
				cluster.members().stream().filter(EtcdServer::isPaused).forEach(EtcdServer::resume);
			}
			assertThat(writer.failure.get()).as("writer failure").isNull();
			awaitHealthy(cluster);
			long end = writer.putSurely(root + "end", "end");

			// What etcd holds: read afterwards, on a healthy cluster, by a fresh client.
			Subscriber reference = new Subscriber("reference", WatchRequest.prefix(root).startRevision(start).prevKv(),
					(key) -> key.startsWith(root), true);
			Map<Id, Delivered> history;
			try (EtcdClient reading = TestTransport.builder().endpoints(endpoints).build();
					Watch watch = reading.watches().watch(reference.request, reference)) {
				await("reference history up to revision " + end).atMost(CATCH_UP_DEADLINE)
					.until(() -> reference.lastRevision >= end);
				List<Delivered> referenceEvents = reference.deliveredCopy();
				List<Long> referenceRevisions = referenceEvents.stream().map(Delivered::revision).toList();
				// Nothing but the writer changes this cluster: etcd's history of the
				// prefix is every revision from start to end, each once.
				Set<Long> present = new HashSet<>(referenceRevisions);
				List<Long> absent = revisions(start, end).stream()
					.filter((revision) -> !present.contains(revision))
					.toList();
				assertThat(absent).as("revisions from %d to %d missing from the reference history", start, end)
					.isEmpty();
				assertThat(referenceRevisions).as("the reference history, in order, each revision once")
					.hasSize((int) (end - start + 1))
					.isSorted()
					.doesNotHaveDuplicates();
				history = new LinkedHashMap<>();
				referenceEvents.forEach((event) -> history.put(event.id(), event));
				assertThat(WatchTestSupport.read(reading, root + "k")).as("final state")
					.isEqualTo(lastValues(history.values(), root + "k"));
			}
			// one deadline for all: a subscriber that is stuck is reported below
			long catchUpDeadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
			for (Subscriber subscriber : subscribers) {
				long last = history.values()
					.stream()
					.filter((event) -> subscriber.filter.test(event.key()))
					.mapToLong(Delivered::revision)
					.max()
					.orElse(start);
				awaitQuietly(Duration.ofNanos(Math.max(200_000_000, catchUpDeadline - System.nanoTime())),
						() -> subscriber.lastRevision >= last);
			}
			watches.forEach(Watch::close);

			List<Tally> tallies = subscribers.stream().map((subscriber) -> subscriber.tally(history)).toList();
			long events = history.values().stream().filter((event) -> event.key().startsWith(root + "k")).count();
			long lost = tallies.stream().mapToLong(Tally::lost).sum();
			long duplicated = tallies.stream().mapToLong(Tally::duplicated).sum();
			long reordered = tallies.stream().mapToLong(Tally::reordered).sum();
			System.out.println("watch-faults: events=%d lost=%d duplicated=%d reordered=%d faults=%d".formatted(events,
					lost, duplicated, reordered, this.faults));

			assertThat(writer.anomalies).as("acknowledgements that contradict the order of one thread's writes")
				.isEmpty();
			assertThat(writer.missingFrom(history)).as("acknowledged writes missing from etcd's history").isEmpty();
			assertThat(this.problems).as("failures while faults were injected").isEmpty();
			assertThat(tallies).as("per subscriber").allSatisfy((tally) -> {
				assertThat(tally.lost()).as(tally.name() + " lost").isZero();
				assertThat(tally.duplicated()).as(tally.name() + " duplicated").isZero();
				assertThat(tally.reordered()).as(tally.name() + " reordered").isZero();
				assertThat(tally.wrong()).as(tally.name() + " events unlike etcd's").isZero();
				assertThat(tally.overlapping()).as(tally.name() + " overlapping listener calls").isZero();
				assertThat(tally.split()).as(tally.name() + " events of another revision in a callback").isZero();
			});
			assertThat(lost).isZero();
			assertThat(duplicated).isZero();
			assertThat(reordered).isZero();
			assertThat(this.faults).isGreaterThanOrEqualTo(6);
			assertThat(events).isGreaterThanOrEqualTo(MIN_EVENTS);
			assertThat(this.stalls).as("subscribers that received nothing while the member serving them was frozen")
				.isEmpty();
		}
	}

	private static void awaitHealthy(EtcdCluster cluster) {
		await("every member healthy").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> cluster.members().stream().allMatch(EtcdServer::isHealthy));
		cluster.leader();
	}

	private static String watchersPerMember(EtcdCluster cluster) {
		return cluster.members()
			.stream()
			.map((member) -> member.name() + "="
					+ ((member.isRunning() && !member.isPaused()) ? watchers(member.endpoint()) : "down/frozen"))
			.collect(Collectors.joining(", "));
	}

	enum Fault {

		/** SIGKILL the member serving the watch stream, then restart it. */
		KILL_SERVING,

		/** SIGKILL the leader, then restart it. */
		KILL_LEADER,

		/**
		 * SIGSTOP the member serving the watch stream for {@link #PAUSE}, then SIGCONT.
		 */
		PAUSE_SERVING

	}

	/**
	 * Injects faults one at a time, keeping quorum: a member comes back and the cluster
	 * is healthy before the next fault. Between faults, a fresh write must reach every
	 * subscriber.
	 */
	final class Faults {

		private final EtcdCluster cluster;

		private final List<Subscriber> subscribers;

		private final Writer writer;

		Faults(EtcdCluster cluster, List<Subscriber> subscribers, Writer writer) {
			this.cluster = cluster;
			this.subscribers = subscribers;
			this.writer = writer;
		}

		void inject(Fault... plan) throws InterruptedException {
			for (Fault fault : plan) {
				if (!WatchFaultTests.this.problems.isEmpty()) {
					return;
				}
				switch (fault) {
					case KILL_SERVING -> servingMember().ifPresent(this::killAndRestart);
					case KILL_LEADER -> killAndRestart(this.cluster.leader());
					case PAUSE_SERVING -> {
						Optional<EtcdServer> serving = servingMember();
						if (serving.isPresent()) {
							pause(serving.get());
						}
					}
				}
			}
		}

		private void killAndRestart(EtcdServer member) {
			member.kill();
			WatchFaultTests.this.faults++;
			awaitProgress("while " + member.name() + " was killed");
			member.restart();
			awaitHealthy(this.cluster);
			awaitProgress("after " + member.name() + " was restarted");
		}

		private void pause(EtcdServer member) throws InterruptedException {
			long pausedAt = System.nanoTime();
			member.pause();
			WatchFaultTests.this.faults++;
			try {
				long mark = this.writer.issued();
				// A write issued now cannot reach the frozen member: receiving it proves
				// that the stream moved to another member.
				boolean moved = awaitQuietly(PAUSED_PROGRESS_DEADLINE, () -> {
					long revision = this.writer.firstAckedRevisionAfter(mark);
					return revision > 0 && this.subscribers.stream().allMatch((s) -> s.lastRevision >= revision);
				});
				if (!moved) {
					WatchFaultTests.this.stalls
						.add(member.name() + " frozen for " + PAUSED_PROGRESS_DEADLINE.toSeconds() + " s: " + describe()
								+ "; watchers per member: " + watchersPerMember(this.cluster));
				}
				long left = PAUSE.toNanos() - (System.nanoTime() - pausedAt);
				if (left > 0) {
					// The fault itself: the member stays frozen this long even when the
					// watches left it sooner, so that it is a hung member, not a hiccup.
					Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
				}
			}
			finally {
				member.resume();
			}
			awaitHealthy(this.cluster);
			awaitProgress("after " + member.name() + " was resumed");
		}

		/**
		 * Wait until a write issued from now on has reached every subscriber.
		 * @return whether it did in time
		 */
		boolean awaitProgress(String when) {
			long mark = this.writer.issued();
			AtomicLong target = new AtomicLong();
			boolean progressed = awaitQuietly(PROGRESS_DEADLINE, () -> {
				target.set(this.writer.firstAckedRevisionAfter(mark));
				return this.writer.failure.get() != null || (target.get() > 0
						&& this.subscribers.stream().allMatch((s) -> s.lastRevision >= target.get()));
			});
			if (!progressed) {
				WatchFaultTests.this.problems.add("No write issued " + when + " reached every subscriber within "
						+ PROGRESS_DEADLINE.toSeconds() + " s: the first such write is at revision " + target.get()
						+ "; " + describe() + "; watchers per member: " + watchersPerMember(this.cluster));
			}
			return progressed;
		}

		/**
		 * Find the member that serves the watches, by etcd's own count of watchers: the
		 * writer's connections from this JVM would confuse a count of TCP connections.
		 */
		private Optional<EtcdServer> servingMember() {
			AtomicReference<@Nullable EtcdServer> busiest = new AtomicReference<>();
			AtomicLong most = new AtomicLong();
			// a member the watches just left may still count them for a moment
			awaitQuietly(Duration.ofSeconds(30), () -> {
				busiest.set(null);
				most.set(0);
				int serving = 0;
				for (EtcdServer member : this.cluster.members()) {
					long count = (member.isRunning() && !member.isPaused()) ? watchers(member.endpoint()).orElse(0) : 0;
					serving += (count > 0) ? 1 : 0;
					if (count > most.get()) {
						busiest.set(member);
						most.set(count);
					}
				}
				return most.get() >= this.subscribers.size() && serving == 1;
			});
			if (most.get() < this.subscribers.size()) {
				WatchFaultTests.this.problems.add("No member serves all " + this.subscribers.size()
						+ " watches; watchers per member: " + watchersPerMember(this.cluster) + "; " + describe());
			}
			return Optional.ofNullable(busiest.get());
		}

		private String describe() {
			return this.subscribers.stream()
				.map((s) -> s.name + " at revision " + s.lastRevision + " (" + s.disconnects.get() + " disconnects)")
				.collect(Collectors.joining(", ")) + "; last acknowledged write at revision "
					+ this.writer.lastAckedRevision();
		}

	}

	private static List<Long> revisions(long first, long last) {
		List<Long> revisions = new ArrayList<>();
		for (long revision = first; revision <= last; revision++) {
			revisions.add(revision);
		}
		return revisions;
	}

	private static Map<String, String> lastValues(Iterable<Delivered> history, String prefix) {
		Map<String, String> values = new TreeMap<>();
		for (Delivered event : history) {
			if (event.key().startsWith(prefix)) {
				if (event.type() == WatchEvent.Type.DELETE) {
					values.remove(event.key());
				}
				else {
					values.put(event.key(), event.value());
				}
			}
		}
		return values;
	}

	record Id(long revision, String key) {
	}

	record Delivered(long revision, String key, String value, WatchEvent.Type type, @Nullable String prevValue) {

		static Delivered of(WatchEvent event) {
			KeyValue prev = event.prevKv();
			return new Delivered(event.revision(), event.kv().keyAsString(), event.kv().valueAsString(), event.type(),
					(prev != null) ? prev.valueAsString() : null);
		}

		Id id() {
			return new Id(this.revision, this.key);
		}

	}

	record Tally(String name, long lost, long duplicated, long reordered, long wrong, long overlapping, long split) {
	}

	/**
	 * Records what one watch delivers, and checks that its listener is called one
	 * revision at a time.
	 */
	static final class Subscriber implements WatchListener {

		final String name;

		final WatchRequest request;

		final Predicate<String> filter;

		final boolean prevKv;

		private final List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger overlapping = new AtomicInteger();

		private final AtomicInteger split = new AtomicInteger();

		final AtomicInteger disconnects = new AtomicInteger();

		volatile long lastRevision;

		Subscriber(String name, WatchRequest request, Predicate<String> filter, boolean prevKv) {
			this.name = name;
			this.request = request;
			this.filter = filter;
			this.prevKv = prevKv;
		}

		@Override
		public void onEvent(WatchEvent event) {
			onRevision(event.revision(), List.of(event));
		}

		@Override
		public void onRevision(long revision, List<WatchEvent> events) {
			if (this.inFlight.incrementAndGet() > 1) {
				this.overlapping.incrementAndGet();
			}
			try {
				for (WatchEvent event : events) {
					if (event.revision() != revision) {
						this.split.incrementAndGet();
					}
					this.delivered.add(Delivered.of(event));
				}
				this.lastRevision = Math.max(this.lastRevision, revision);
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			this.disconnects.incrementAndGet();
		}

		List<Delivered> deliveredCopy() {
			synchronized (this.delivered) {
				return new ArrayList<>(this.delivered);
			}
		}

		/**
		 * Compare what was delivered with etcd's history.
		 */
		Tally tally(Map<Id, Delivered> history) {
			List<Delivered> got = deliveredCopy();
			Set<Id> seen = new HashSet<>();
			long duplicated = 0;
			long reordered = 0;
			long wrong = 0;
			Delivered previous = null;
			for (Delivered event : got) {
				if (!seen.add(event.id())) {
					duplicated++;
				}
				if (previous != null && event.revision() < previous.revision()) {
					reordered++;
				}
				Delivered expected = history.get(event.id());
				if (expected == null || !this.filter.test(event.key()) || !matches(expected, event)) {
					wrong++;
				}
				previous = event;
			}
			long lost = history.keySet()
				.stream()
				.filter((id) -> this.filter.test(id.key()) && !seen.contains(id))
				.count();
			return new Tally(this.name, lost, duplicated, reordered, wrong, this.overlapping.get(), this.split.get());
		}

		private boolean matches(Delivered expected, Delivered actual) {
			boolean same = expected.type() == actual.type() && expected.value().equals(actual.value());
			return same && (!this.prevKv || Objects.equals(expected.prevValue(), actual.prevValue()));
		}

	}

	/**
	 * Puts unique values (a global sequence number) over {@link #KEYS} keys from
	 * {@link #WRITER_THREADS} threads, each owning its keys, so that after a write with
	 * an unknown outcome a read of the key tells whether it landed.
	 */
	static final class Writer {

		private final EtcdClient client;

		private final String root;

		private final AtomicLong sequence = new AtomicLong();

		/** Sequence number to the write etcd acknowledged (or was found to hold). */
		final ConcurrentSkipListMap<Long, Ack> acked = new ConcurrentSkipListMap<>();

		final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

		final List<String> anomalies = new CopyOnWriteArrayList<>();

		private final List<Thread> threads = new ArrayList<>();

		private volatile boolean stopped;

		Writer(EtcdClient client, String root) {
			this.client = client;
			this.root = root;
		}

		void start() {
			for (int i = 0; i < WRITER_THREADS; i++) {
				int owner = i;
				Thread thread = new Thread(() -> run(owner), "watch-fault-writer-" + i);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void run(int owner) {
			try {
				long previous = 0;
				for (int n = 0; !this.stopped; n++) {
					String key = this.root + "k" + (owner + WRITER_THREADS * (n % (KEYS / WRITER_THREADS)));
					long seq = this.sequence.incrementAndGet();
					long revision = putSurely(key, Long.toString(seq));
					if (revision <= previous) {
						// this thread's writes follow one another: their revisions must
						// too
						this.anomalies.add("put of " + seq + " to " + key + " acknowledged at revision " + revision
								+ ", after this thread's previous put at revision " + previous);
					}
					previous = revision;
					this.acked.put(seq, new Ack(key, revision));
				}
			}
			catch (Throwable ex) {
				this.failure.compareAndSet(null, ex);
			}
		}

		void stop() throws InterruptedException {
			this.stopped = true;
			for (Thread thread : this.threads) {
				thread.join(WRITE_DEADLINE.toMillis() + 10_000);
				assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
			}
		}

		/**
		 * Put until etcd surely holds the value; after a failure, read the key first: the
		 * write may have landed although no answer came.
		 */
		long putSurely(String key, String value) {
			long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
			EtcdException last = null;
			while (System.nanoTime() - deadline < 0) {
				try {
					return put(this.client, key, value);
				}
				catch (EtcdException ex) {
					last = transientOrThrow(ex);
				}
				try {
					Optional<KeyValue> current = this.client.kv().get(bytes(key));
					if (current.isPresent() && current.get().valueAsString().equals(value)) {
						return current.get().modRevision();
					}
				}
				catch (EtcdException ex) {
					last = transientOrThrow(ex);
				}
			}
			throw new IllegalStateException("No put of " + key + " succeeded within " + WRITE_DEADLINE, last);
		}

		private static EtcdException transientOrThrow(EtcdException ex) {
			if (ex instanceof EtcdAuthenticationException || ex instanceof EtcdPermissionDeniedException
					|| ex instanceof EtcdPreconditionFailedException || ex instanceof EtcdRequestTooLargeException
					|| ex instanceof EtcdSerializationException) {
				throw ex;
			}
			// outcome unknown, connection refused, timeout, no leader, too many requests
			return ex;
		}

		long issued() {
			return this.sequence.get();
		}

		/**
		 * Return the lowest revision of the acknowledged writes issued after
		 * {@code mark}, or 0 when there is none yet.
		 */
		long firstAckedRevisionAfter(long mark) {
			return this.acked.tailMap(mark, false).values().stream().mapToLong(Ack::revision).min().orElse(0);
		}

		long lastAckedRevision() {
			return this.acked.values().stream().mapToLong(Ack::revision).max().orElse(0);
		}

		/**
		 * Return the acknowledged writes that etcd's history lacks.
		 */
		List<String> missingFrom(Map<Id, Delivered> history) {
			List<String> missing = new ArrayList<>();
			this.acked.forEach((seq, ack) -> {
				Delivered event = history.get(new Id(ack.revision(), ack.key()));
				if (event == null || !event.value().equals(Long.toString(seq))) {
					missing.add(seq + " at " + ack);
				}
			});
			return missing;
		}

	}

	record Ack(String key, long revision) {
	}

}
