package dev.etcdspring.client.kv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdMetrics;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes through member failures of a 3-member cluster: while {@value #WRITER_THREADS}
 * threads put unique keys and increment a counter with compare-and-swap transactions for
 * at least a minute, the leader is killed and restarted and a follower is frozen with
 * SIGSTOP. Afterwards, what etcd holds must agree with what every call told its caller:
 * <ul>
 * <li>an acknowledged write is applied, once;</li>
 * <li>a write reported as {@link EtcdOutcomeUnknownException} is applied once or not at
 * all;</li>
 * <li>a write that failed with any other exception is not applied at all.</li>
 * </ul>
 * Each increment is one transaction that compares the counter's mod revision and, when it
 * holds, puts the counter to n+1 and a marker key of its own: the markers tell afterwards
 * which increments were applied, whatever their callers were told. The writers only
 * write, so that nothing but the writes themselves moves their client off a member that
 * stopped answering; the follower frozen is the member that the client is talking to
 * (leadership is moved away from it first when it leads). Writing must go on while a
 * member is down or frozen.
 * <p>
 * The writers' client coalesces writes (puts and compare-and-swap transactions), so that
 * writes both go alone and share round trips through the faults.
 * <p>
 * Prints
 * {@code kv-faults: acked=N lost=L doubled=D unknown=U faults=K max-stall-ms=S coalesced=C},
 * one line on stdout, for CI's log: acknowledged puts and increments, acknowledged ones
 * etcd lacks, writes etcd applied twice, writes whose outcome was unknown, faults
 * injected, the longest a single call took, and the writes that shared a round trip. A
 * second line, {@code kv-faults detail:}, breaks them down, with the failures by type and
 * what each fault did.
 */
class KvFaultTests {

	private static final int WRITER_THREADS = 8;

	private static final long MIN_ACKED = 10_000;

	/** Writing lasts at least this long, and until every fault was injected. */
	private static final Duration MIN_WRITING = Duration.ofSeconds(60);

	/** Writing stops after this long even when too few writes were acknowledged. */
	private static final Duration MAX_WRITING = Duration.ofMinutes(5);

	/**
	 * How long a SIGSTOPped follower stays frozen: longer than the client's attempt
	 * timeout (half the 10 s request timeout with several members), so that writes sent
	 * to it time out.
	 */
	private static final Duration PAUSE = Duration.ofSeconds(8);

	/** How long writes may take to go on while a follower stays frozen. */
	private static final Duration PAUSED_PROGRESS_DEADLINE = Duration.ofSeconds(30);

	/** How long writes may take to be acknowledged again after a fault starts or ends. */
	private static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(60);

	/**
	 * Acknowledged writes, all issued after a fault started (or a member came back), that
	 * count as progress: they also let the cluster run for a while in each state.
	 */
	private static final long PROGRESS_WRITES = 200;

	private static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(60);

	private static final int PAGE_SIZE = 1000;

	private static final Fault[] PLAN = { Fault.KILL_LEADER, Fault.PAUSE_FOLLOWER, Fault.KILL_LEADER,
			Fault.PAUSE_FOLLOWER, Fault.KILL_LEADER };

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	/** Anything that went wrong besides the outcomes of writes; it ends the faults. */
	private final List<String> problems = new CopyOnWriteArrayList<>();

	/** The faults injected so far. */
	private final List<Fault> injected = new CopyOnWriteArrayList<>();

	/** What each fault was and what writing did meanwhile, for the report. */
	private final List<String> faultLog = new CopyOnWriteArrayList<>();

	/** The fault thread's own client, so that the writers' client only writes. */
	private EtcdClient control;

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void everyWriteShouldBeAppliedAsItsCallerWasToldThroughMemberFailures() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		String root = "/kvf-" + UUID.randomUUID().toString().substring(0, 8) + "/";
		long started = System.nanoTime();
		long writingMillis;
		Writers writers;
		CoalescingTests.RecordingMetrics coalescing = new CoalescingTests.RecordingMetrics();
		// writes coalesce: with more writers than round trips per kind, some go alone and
		// some share a round trip, and both must keep every write's outcome exact
		try (EtcdClient writing = TestTransport.builder()
			.endpoints(cluster.endpoints())
			.coalesceWrites(true)
			.coalescingConcurrency(WRITER_THREADS / 2)
			.coalescingMetrics(coalescing)
			.build(); EtcdClient control = TestTransport.builder().endpoints(cluster.endpoints()).build()) {
			this.control = control;
			writers = new Writers(writing, root);
			writers.createCounter();
			Thread faults = new Thread(() -> injectFaults(cluster, writers), "kv-faults");
			faults.setDaemon(true);
			try {
				writers.start();
				faults.start();
				// Writing lasts at least MIN_WRITING, until every fault was injected and
				// enough writes were acknowledged (or something went wrong).
				awaitQuietly(MAX_WRITING, () -> !this.problems.isEmpty() || (!faults.isAlive()
						&& writers.acked.sum() >= MIN_ACKED && System.nanoTime() - started >= MIN_WRITING.toNanos()));
				if (faults.isAlive()) {
					this.problems
						.add("faults still being injected after " + MAX_WRITING.toSeconds() + " s: " + this.faultLog);
					faults.interrupt();
					faults.join(TimeUnit.MINUTES.toMillis(1));
				}
			}
			finally {
				writingMillis = millisSince(started);
				writers.stop();
				// a failing test leaves no member frozen or dead
				for (EtcdServer member : cluster.members()) {
					if (member.isPaused()) {
						member.resume();
					}
					if (!member.isRunning()) {
						member.restart();
					}
				}
			}
		}
		awaitHealthy(cluster);

		// What etcd holds: read afterwards, on a healthy cluster, by a fresh client, one
		// snapshot of the whole run.
		Map<String, KeyValue> held = new HashMap<>();
		try (EtcdClient reading = TestTransport.builder().endpoints(cluster.endpoints()).build()) {
			new RangePager(reading.kv(), RangeQuery.prefix(root), 0, PAGE_SIZE)
				.forEachRemaining((kv) -> held.put(kv.keyAsString(), kv));
		}
		Verdict verdict = new Verdict(root, writers.calls(), held);

		long faults = this.injected.size();
		System.out.println("kv-faults: acked=%d lost=%d doubled=%d unknown=%d faults=%d max-stall-ms=%d coalesced=%d"
			.formatted(verdict.acked, verdict.lost.size(), verdict.doubled.size(), verdict.unknown, faults,
					TimeUnit.NANOSECONDS.toMillis(writers.maxCallNanos.get()), coalescing.combined("writes")));
		System.out.println(("kv-faults detail: writing-ms=%d puts acked=%d unknown=%d (applied %d) failed=%d; "
				+ "increments acked=%d compare-failed=%d unknown=%d (applied %d) failed=%d; counter=%d; "
				+ "failures=%s; faults=%s")
			.formatted(writingMillis, verdict.putsAcked, verdict.putsUnknown, verdict.putsUnknownApplied,
					verdict.putsFailed, verdict.incrementsAcked, verdict.incrementsCompareFailed,
					verdict.incrementsUnknown, verdict.incrementsUnknownApplied, verdict.incrementsFailed,
					verdict.counter, writers.failureTypes(), this.faultLog));

		assertThat(this.problems).as("failures while writing and injecting faults").isEmpty();
		assertThat(coalescing.combined("writes")).as("writes that shared a round trip").isPositive();
		assertThat(verdict.lost).as("acknowledged writes that etcd does not hold").isEmpty();
		assertThat(verdict.doubled).as("writes that etcd applied more than once").isEmpty();
		assertThat(verdict.failedButApplied).as("writes reported as failed (not unknown) that etcd applied").isEmpty();
		assertThat(verdict.wrong).as("keys whose value is not what their write put").isEmpty();
		assertThat(verdict.stray).as("keys under the run's prefix that no call wrote").isEmpty();
		assertThat(verdict.counter).as("the counter: acknowledged increments plus the unknown ones that applied")
			.isEqualTo(verdict.incrementsAcked + verdict.incrementsUnknownApplied);
		assertThat(verdict.markerValues).as("the values the applied increments set, each once")
			.isEqualTo(range(1, verdict.counter));
		assertThat(Collections.frequency(this.injected, Fault.KILL_LEADER)).as("leader kills")
			.isGreaterThanOrEqualTo(3);
		assertThat(Collections.frequency(this.injected, Fault.PAUSE_FOLLOWER)).as("follower pauses")
			.isGreaterThanOrEqualTo(2);
		assertThat(faults).isGreaterThanOrEqualTo(5);
		assertThat(writingMillis).as("writing time, ms").isGreaterThanOrEqualTo(MIN_WRITING.toMillis());
		assertThat(verdict.acked).as("acknowledged writes").isGreaterThanOrEqualTo(MIN_ACKED);
	}

	private void injectFaults(EtcdCluster cluster, Writers writers) {
		try {
			awaitProgress(writers, "before the first fault");
			for (Fault fault : PLAN) {
				if (!this.problems.isEmpty()) {
					return;
				}
				switch (fault) {
					case KILL_LEADER -> killAndRestart(cluster, writers);
					case PAUSE_FOLLOWER -> pauseAndResume(cluster, writers);
				}
			}
		}
		catch (InterruptedException ex) {
			this.problems.add("interrupted while injecting faults");
		}
		catch (Throwable ex) {
			this.problems.add("injecting faults failed: " + ex);
		}
	}

	private void killAndRestart(EtcdCluster cluster, Writers writers) {
		EtcdServer leader = cluster.leader();
		long mark = writers.issued();
		long killedAt = System.nanoTime();
		try {
			leader.kill();
			this.injected.add(Fault.KILL_LEADER);
			// two members keep a quorum: writing must go on
			awaitProgress(writers, "while the leader " + leader.name() + " was down");
		}
		finally {
			leader.restart();
		}
		this.faultLog.add("%s %s: down %d ms, %d writes acknowledged meanwhile".formatted(Fault.KILL_LEADER,
				leader.name(), millisSince(killedAt), writers.ackedIssuedAfter(mark)));
		awaitHealthy(cluster);
		awaitProgress(writers, "after " + leader.name() + " was restarted");
	}

	private void pauseAndResume(EtcdCluster cluster, Writers writers) throws InterruptedException {
		Serving serving = servingMember(cluster, writers);
		EtcdServer follower = serving.follower();
		long mark = writers.issued();
		long pausedAt = System.nanoTime();
		follower.pause();
		try {
			this.injected.add(Fault.PAUSE_FOLLOWER);
			// Two members keep a quorum: writing must go on, also when the client was
			// talking to the frozen member.
			if (!awaitQuietly(PAUSED_PROGRESS_DEADLINE, () -> writers.ackedIssuedAfter(mark) >= PROGRESS_WRITES)) {
				this.problems.add("Only %d writes issued after %s was frozen were acknowledged within %d s, "
					.formatted(writers.ackedIssuedAfter(mark), follower.name(), PAUSED_PROGRESS_DEADLINE.toSeconds())
						+ "while it stayed frozen (" + serving + ")");
			}
			long left = PAUSE.toNanos() - (System.nanoTime() - pausedAt);
			if (left > 0) {
				// The fault itself: the member stays frozen this long even when writing
				// went on sooner, so that it is a hung member, not a hiccup.
				Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
			}
		}
		finally {
			follower.resume();
		}
		this.faultLog.add("%s %s (%s): frozen %d ms, %d writes acknowledged meanwhile".formatted(Fault.PAUSE_FOLLOWER,
				follower.name(), serving, millisSince(pausedAt), writers.ackedIssuedAfter(mark)));
		awaitHealthy(cluster);
		awaitProgress(writers, "after " + follower.name() + " was resumed");
	}

	/**
	 * Find the member that the writers' client sends its requests to, by the members' own
	 * count of KV requests, and make it the follower to freeze: freezing the member that
	 * the client talks to is what the client must cope with. When that member is the
	 * leader, leadership is moved away from it first.
	 */
	private Serving servingMember(EtcdCluster cluster, Writers writers) {
		Map<EtcdServer, Long> before = kvRequests(cluster);
		long mark = writers.issued();
		awaitQuietly(Duration.ofSeconds(10), () -> writers.issued() - mark >= 100);
		Map<EtcdServer, Long> after = kvRequests(cluster);
		EtcdServer busiest = null;
		long most = 0;
		for (Map.Entry<EtcdServer, Long> entry : after.entrySet()) {
			long sent = entry.getValue() - before.getOrDefault(entry.getKey(), entry.getValue());
			if (sent > most) {
				busiest = entry.getKey();
				most = sent;
			}
		}
		EtcdServer leader = cluster.leader();
		if (busiest == null) {
			EtcdServer follower = cluster.follower();
			return new Serving(follower, "no member served the writes");
		}
		if (busiest != leader) {
			return new Serving(busiest, busiest.name() + " serves the writes");
		}
		EtcdServer successor = cluster.follower();
		moveLeader(cluster, leader, successor);
		return new Serving(busiest, busiest.name() + " serves the writes, leadership moved to " + successor.name());
	}

	private void moveLeader(EtcdCluster cluster, EtcdServer leader, EtcdServer successor) {
		long successorId = this.control.cluster().status(successor.endpoint()).header().memberId();
		EtcdctlResult moved = leader.etcdctl("move-leader", Long.toHexString(successorId));
		if (!moved.isSuccess()) {
			throw new IllegalStateException(
					"Cannot move leadership from " + leader.name() + " to " + successor.name() + ": " + moved);
		}
		await("leadership moved away from " + leader.name()).atMost(HEALTHY_DEADLINE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> cluster.leader() != leader);
	}

	private static Map<EtcdServer, Long> kvRequests(EtcdCluster cluster) {
		Map<EtcdServer, Long> requests = new HashMap<>();
		for (EtcdServer member : cluster.members()) {
			EtcdMetrics.read(member.endpoint(), "grpc_server_started_total", "grpc_service=\"etcdserverpb.KV\"")
				.ifPresent((count) -> requests.put(member, count));
		}
		return requests;
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	/**
	 * Wait until {@link #PROGRESS_WRITES} writes issued from now on are acknowledged; a
	 * problem if they are not in time.
	 */
	private void awaitProgress(Writers writers, String when) {
		long mark = writers.issued();
		if (!awaitQuietly(PROGRESS_DEADLINE, () -> writers.ackedIssuedAfter(mark) >= PROGRESS_WRITES)) {
			this.problems.add("Only " + writers.ackedIssuedAfter(mark) + " writes issued " + when
					+ " were acknowledged within " + PROGRESS_DEADLINE.toSeconds() + " s");
		}
	}

	private static void awaitHealthy(EtcdCluster cluster) {
		await("every member healthy").atMost(HEALTHY_DEADLINE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> cluster.members().stream().allMatch(EtcdServer::isHealthy));
		cluster.leader();
	}

	private static boolean awaitQuietly(Duration timeout, Callable<Boolean> condition) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static List<Long> range(long first, long last) {
		List<Long> values = new ArrayList<>();
		for (long value = first; value <= last; value++) {
			values.add(value);
		}
		return values;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	enum Fault {

		/** SIGKILL the leader, then restart it. */
		KILL_LEADER,

		/** SIGSTOP a follower for {@link #PAUSE}, then SIGCONT. */
		PAUSE_FOLLOWER

	}

	enum Kind {

		PUT, INCREMENT

	}

	/**
	 * What a write's caller was told, and what that allows etcd to hold afterwards.
	 */
	enum Outcome {

		/** etcd answered that it applied the write: applied, exactly once. */
		ACKED,

		/**
		 * etcd answered that the increment's comparison failed (another thread
		 * incremented first): nothing applied.
		 */
		COMPARE_FAILED,

		/**
		 * {@link EtcdOutcomeUnknownException}: the write was sent and no answer came
		 * (timeout, connection lost), or etcd answered that it may still apply it
		 * (request timed out, leader changed): applied once, or not at all.
		 */
		UNKNOWN,

		/**
		 * Any other {@link EtcdException}: the client says the write was not applied.
		 * {@link EtcdConnectionException}: for a write, only when no member took the
		 * connection, so nothing was sent. {@link EtcdUnavailableException}: for a write,
		 * only etcd's "no leader", answered before the request is handled (the client
		 * asks for a leader with every request). Other {@link EtcdServerException}s: etcd
		 * refused the request before it entered the raft log ("raft proposal dropped"
		 * while leadership moves, "too many requests"). {@link EtcdTimeoutException}: for
		 * a write, only when the request timeout ran out before an attempt could be sent
		 * (a write that timed out once sent is unknown). Anything else for a write (an
		 * unreadable answer) would be a bug: counted here, a write it hid shows as failed
		 * but applied.
		 */
		FAILED;

		static Outcome of(EtcdException failure) {
			return (failure instanceof EtcdOutcomeUnknownException) ? UNKNOWN : FAILED;
		}

	}

	/**
	 * One write call.
	 *
	 * @param kind a put or an increment
	 * @param key the unique key it writes: the put's key, or the increment's marker
	 * @param value the value it writes there
	 * @param outcome what its caller was told
	 * @param failure the exception's type and message, when it failed
	 */
	record Call(Kind kind, String key, String value, Outcome outcome, @Nullable String failure) {
	}

	/**
	 * The writer threads. Each one alternates between a put of a new key and an attempt
	 * to increment the counter. They only write, as an application that only writes
	 * would: no read moves the client off a member that stopped answering.
	 */
	final class Writers {

		private final EtcdClient client;

		private final String root;

		private final byte[] counterKey;

		private final List<Thread> threads = new ArrayList<>();

		private final List<List<Call>> callsPerThread = new ArrayList<>();

		/** Numbers the writes in the order they are issued, across threads. */
		private final AtomicLong issue = new AtomicLong();

		/**
		 * The issue numbers of acknowledged writes (applied ones, not failed compares).
		 */
		private final ConcurrentSkipListSet<Long> ackedIssues = new ConcurrentSkipListSet<>();

		final LongAdder acked = new LongAdder();

		final AtomicLong maxCallNanos = new AtomicLong();

		/** What etcd answered, in the message of an exception without a cause. */
		private static final Pattern ANSWER = Pattern.compile("refused \\S+: (.*?)(;|$)");

		private final Map<String, LongAdder> failureTypes = new ConcurrentHashMap<>();

		private volatile boolean stopped;

		private KeyValue initialCounter;

		Writers(EtcdClient client, String root) {
			this.client = client;
			this.root = root;
			this.counterKey = bytes(root + "counter");
		}

		void createCounter() {
			long revision = this.client.kv().put(PutRequest.of(this.counterKey, bytes("0"))).header().revision();
			this.initialCounter = new KeyValue(this.counterKey, bytes("0"), revision, revision, 1, 0);
		}

		void start() {
			for (int i = 0; i < WRITER_THREADS; i++) {
				int id = i;
				List<Call> calls = new ArrayList<>();
				this.callsPerThread.add(calls);
				Thread thread = new Thread(() -> run(id, calls), "kv-fault-writer-" + i);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void run(int id, List<Call> calls) {
			try {
				// what this thread last learned of the counter: after a failure or an
				// unknown outcome it compares with that, and a failed comparison tells it
				// the current state
				KeyValue counter = this.initialCounter;
				for (long seq = 1; !this.stopped; seq++) {
					if (seq % 2 == 1) {
						calls.add(put(id, seq));
					}
					else {
						Increment increment = increment(id, seq, counter);
						calls.add(increment.call());
						counter = (increment.counter() != null) ? increment.counter() : counter;
					}
				}
			}
			catch (Throwable ex) {
				KvFaultTests.this.problems.add(Thread.currentThread().getName() + " failed: " + ex);
			}
		}

		private Call put(int id, long seq) {
			String key = this.root + "put/" + id + "-" + seq;
			String value = "put " + id + "-" + seq;
			long issued = this.issue.incrementAndGet();
			long start = System.nanoTime();
			try {
				this.client.kv().put(PutRequest.of(bytes(key), bytes(value)));
				acknowledged(issued);
				return new Call(Kind.PUT, key, value, Outcome.ACKED, null);
			}
			catch (EtcdException ex) {
				return failed(Kind.PUT, key, value, ex);
			}
			finally {
				timed(start);
			}
		}

		/**
		 * One compare-and-swap: when the counter is still at {@code counter}'s mod
		 * revision, set it to n+1 and put the marker key, in one transaction; otherwise
		 * read its current value, for the next attempt.
		 */
		private Increment increment(int id, long seq, KeyValue counter) {
			String marker = this.root + "inc/" + id + "-" + seq;
			long next = Long.parseLong(counter.valueAsString()) + 1;
			String value = Long.toString(next);
			Txn txn = Txn.when(Compare.modRevision(this.counterKey).equalTo(counter.modRevision()))
				.then(TxnOp.put(PutRequest.of(this.counterKey, bytes(value))),
						TxnOp.put(PutRequest.of(bytes(marker), bytes(value))))
				.otherwise(TxnOp.get(RangeQuery.key(this.counterKey)));
			long issued = this.issue.incrementAndGet();
			long start = System.nanoTime();
			try {
				Txn.Response response = this.client.kv().txn(txn);
				if (response.succeeded()) {
					acknowledged(issued);
					KeyValue incremented = new KeyValue(this.counterKey, bytes(value), counter.createRevision(),
							response.header().revision(), counter.version() + 1, 0);
					return new Increment(new Call(Kind.INCREMENT, marker, value, Outcome.ACKED, null), incremented);
				}
				RangeResponse current = response.results().get(0).range();
				KeyValue now = (current != null && !current.kvs().isEmpty()) ? current.kvs().get(0) : null;
				return new Increment(new Call(Kind.INCREMENT, marker, value, Outcome.COMPARE_FAILED, null), now);
			}
			catch (EtcdException ex) {
				return new Increment(failed(Kind.INCREMENT, marker, value, ex), null);
			}
			finally {
				timed(start);
			}
		}

		private Call failed(Kind kind, String key, String value, EtcdException ex) {
			Outcome outcome = Outcome.of(ex);
			this.failureTypes.computeIfAbsent(kindOf(ex), (type) -> new LongAdder()).increment();
			return new Call(kind, key, value, outcome, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}

		/**
		 * The exception's type and what caused it: etcd's code and message, or the I/O
		 * failure's type.
		 */
		private static String kindOf(EtcdException ex) {
			String type = ex.getClass().getSimpleName();
			if (ex instanceof EtcdServerException server) {
				return type + " (" + server.getCode() + " " + server.getServerMessage() + ")";
			}
			Throwable cause = ex.getCause();
			while (cause != null && cause.getCause() != null && !(cause instanceof IOException)) {
				cause = cause.getCause();
			}
			if (cause == null) {
				// an answer of etcd's: "etcd at URL refused PATH: MESSAGE (code N); ..."
				Matcher answer = ANSWER.matcher(String.valueOf(ex.getMessage()));
				return type + " (" + (answer.find() ? answer.group(1) : ex.getMessage()) + ")";
			}
			return type + " (" + cause.getClass().getSimpleName() + ")";
		}

		private void acknowledged(long issued) {
			this.ackedIssues.add(issued);
			this.acked.increment();
		}

		private void timed(long start) {
			this.maxCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
		}

		long issued() {
			return this.issue.get();
		}

		long ackedIssuedAfter(long mark) {
			return this.ackedIssues.tailSet(mark, false).size();
		}

		Map<String, Long> failureTypes() {
			Map<String, Long> types = new TreeMap<>();
			this.failureTypes.forEach((type, count) -> types.put(type, count.sum()));
			return types;
		}

		void stop() throws InterruptedException {
			this.stopped = true;
			for (Thread thread : this.threads) {
				// a call ends within the request timeout
				thread.join(TimeUnit.SECONDS.toMillis(60));
				if (thread.isAlive()) {
					KvFaultTests.this.problems.add(thread.getName() + " still running after it was stopped");
				}
			}
		}

		/** Every call, once the threads have stopped. */
		List<Call> calls() {
			List<Call> all = new ArrayList<>();
			this.callsPerThread.forEach(all::addAll);
			return all;
		}

	}

	record Increment(Call call, @Nullable KeyValue counter) {
	}

	/**
	 * The follower to freeze, and which member served the writes.
	 *
	 * @param follower the follower
	 * @param description which member served the writes
	 */
	record Serving(EtcdServer follower, String description) {

		@Override
		public String toString() {
			return this.description;
		}

	}

	/**
	 * What etcd holds, held against what every call told its caller.
	 */
	static final class Verdict {

		final List<String> lost = new ArrayList<>();

		final List<String> doubled = new ArrayList<>();

		final List<String> failedButApplied = new ArrayList<>();

		final List<String> wrong = new ArrayList<>();

		final List<String> stray = new ArrayList<>();

		final List<Long> markerValues = new ArrayList<>();

		long acked;

		long unknown;

		long putsAcked;

		long putsUnknown;

		long putsUnknownApplied;

		long putsFailed;

		long incrementsAcked;

		long incrementsCompareFailed;

		long incrementsUnknown;

		long incrementsUnknownApplied;

		long incrementsFailed;

		long counter;

		Verdict(String root, List<Call> calls, Map<String, KeyValue> held) {
			Map<String, KeyValue> unclaimed = new HashMap<>(held);
			KeyValue counterKv = unclaimed.remove(root + "counter");
			this.counter = (counterKv != null) ? Long.parseLong(counterKv.valueAsString()) : -1;
			for (Call call : calls) {
				KeyValue kv = unclaimed.remove(call.key());
				boolean applied = kv != null;
				if (applied) {
					if (kv.version() != 1) {
						this.doubled.add(call.key() + " at version " + kv.version() + " (" + call.outcome() + ")");
					}
					if (!kv.valueAsString().equals(call.value())) {
						this.wrong.add(call.key() + " holds '" + kv.valueAsString() + "', not '" + call.value() + "'");
					}
					if (call.kind() == Kind.INCREMENT) {
						this.markerValues.add(Long.parseLong(kv.valueAsString()));
					}
				}
				switch (call.outcome()) {
					case ACKED -> {
						this.acked++;
						if (!applied) {
							this.lost.add(call.key() + " (" + call.kind() + ")");
						}
					}
					case UNKNOWN -> this.unknown++;
					case COMPARE_FAILED, FAILED -> {
						if (applied) {
							this.failedButApplied.add(call.key() + " (" + call.kind() + " " + call.outcome()
									+ ((call.failure() != null) ? ": " + call.failure() : "") + ")");
						}
					}
				}
				count(call, applied);
			}
			unclaimed.keySet().stream().sorted().forEach(this.stray::add);
			this.markerValues.sort(null);
		}

		private void count(Call call, boolean applied) {
			if (call.kind() == Kind.PUT) {
				switch (call.outcome()) {
					case ACKED -> this.putsAcked++;
					case UNKNOWN -> {
						this.putsUnknown++;
						this.putsUnknownApplied += applied ? 1 : 0;
					}
					default -> this.putsFailed++;
				}
			}
			else {
				switch (call.outcome()) {
					case ACKED -> this.incrementsAcked++;
					case COMPARE_FAILED -> this.incrementsCompareFailed++;
					case UNKNOWN -> {
						this.incrementsUnknown++;
						this.incrementsUnknownApplied += applied ? 1 : 0;
					}
					case FAILED -> this.incrementsFailed++;
				}
			}
		}

	}

}
