package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdMetrics;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent requests that share round trips, against a real etcd: every caller gets its
 * own answer, writes to one key never meet in one transaction, compare-and-swap stays
 * exact, and identical reads share one request. The clients let one round trip of each
 * kind be under way, so that callers that arrive meanwhile combine; each test also checks
 * that they did, or it would prove nothing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoalescingTests {

	private static final int CALLERS = 16;

	private static final int ROUNDS = 40;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final RecordingMetrics metrics = new RecordingMetrics();

	private final String root = "/coalescing-" + UUID.randomUUID().toString().substring(0, 8) + "/";

	private EtcdClient client;

	private ExecutorService callers;

	@BeforeEach
	void createClient() {
		this.client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.coalesceWrites(true)
			.coalescingConcurrency(1)
			.coalescingMetrics(this.metrics)
			.build();
		this.callers = Executors.newFixedThreadPool(CALLERS);
	}

	@AfterEach
	void close() throws InterruptedException {
		this.callers.shutdownNow();
		this.callers.awaitTermination(30, TimeUnit.SECONDS);
		this.client.close();
	}

	@Test
	void eachCallerShouldGetItsOwnAnswers() throws Exception {
		runCallers((caller, round) -> {
			byte[] key = key("own/" + caller);
			String previous = (round == 0) ? null : value(caller, round - 1);
			String value = value(caller, round);
			PutRequest.Response put = this.client.kv().put(PutRequest.of(key, bytes(value)).prevKv());
			assertThat((put.prevKv() != null) ? put.prevKv().valueAsString() : null).isEqualTo(previous);
			assertThat(this.client.kv().get(key)).map(KeyValue::valueAsString).contains(value);
			RangeResponse serializable = this.client.kv().range(RangeQuery.key(key).serializable());
			assertThat(serializable.kvs()).singleElement().extracting(KeyValue::valueAsString).isEqualTo(value);
			assertThat(serializable.header().revision()).isGreaterThanOrEqualTo(put.header().revision());
		});
		assertThat(this.metrics.combined("writes")).as("writes that shared a round trip").isPositive();
		assertThat(this.metrics.combined("linearizable-reads")).as("linearizable reads that shared one").isPositive();
		assertThat(this.metrics.combined("serializable-reads")).as("serializable reads that shared one").isPositive();
		assertThat(this.metrics.resent).as("combined transactions etcd refused").hasValue(0);
	}

	@Test
	void busyCallersShouldTravelInWholeBatches() throws Exception {
		// 16 callers, 4 round trips: about 4 requests each. A caller answered with its
		// batch must not find a free round trip and leave alone, splitting the batch
		RecordingMetrics busy = new RecordingMetrics();
		byte[] key = key("busy");
		this.client.kv().put(PutRequest.of(key, bytes("value")));
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.coalescingConcurrency(4)
			.coalescingMetrics(busy)
			.build()) {
			runCallers(this.callers, CALLERS, 1, (caller, round) -> {
				for (int i = 0; i < 300; i++) {
					// distinct keys: identical reads would share answers instead
					client.kv().range(RangeQuery.key(key("busy/" + caller)).serializable());
				}
			});
		}
		long roundTrips = busy.roundTrips.sum();
		assertThat(busy.requests.sum()).isEqualTo(CALLERS * 300);
		assertThat(busy.alone.sum()).as("round trips of one request, of %d", roundTrips).isLessThan(roundTrips / 10);
		assertThat((double) busy.requests.sum() / roundTrips).as("requests per round trip").isGreaterThan(3.5);
	}

	@Test
	void compareAndSwapShouldStayExactWhenNested() throws Exception {
		byte[] counter = key("counter");
		this.client.kv().put(PutRequest.of(counter, bytes("0")));
		LongAdder increments = new LongAdder();
		runCallers((caller, round) -> {
			// a swap of the caller's own key, which always holds
			byte[] own = key("cas/" + caller);
			String expected = (round == 0) ? "" : value(caller, round - 1);
			Compare holds = (round == 0) ? Compare.version(own).equalTo(0L)
					: Compare.value(own).equalTo(bytes(expected));
			Txn.Response swap = this.client.kv()
				.txn(Txn.when(holds)
					.then(TxnOp.put(PutRequest.of(own, bytes(value(caller, round)))), TxnOp.get(RangeQuery.key(own)))
					.otherwise(TxnOp.get(RangeQuery.key(own))));
			assertThat(swap.succeeded()).as("caller %d round %d", caller, round).isTrue();
			assertThat(swap.results().get(1).range().kvs()).singleElement()
				.extracting(KeyValue::valueAsString)
				.isEqualTo(value(caller, round));
			// and one shared counter, incremented by compare-and-swap until it holds
			while (true) {
				KeyValue current = this.client.kv().get(counter).orElseThrow();
				long next = Long.parseLong(current.valueAsString()) + 1;
				Txn.Response increment = this.client.kv()
					.txn(Txn.when(Compare.modRevision(counter).equalTo(current.modRevision()))
						.then(TxnOp.put(PutRequest.of(counter, bytes(Long.toString(next))))));
				if (increment.succeeded()) {
					increments.increment();
					break;
				}
			}
		});
		assertThat(this.client.kv().get(counter)).map(KeyValue::valueAsString)
			.contains(Long.toString(increments.sum()));
		assertThat(increments.sum()).isEqualTo((long) CALLERS * ROUNDS);
		assertThat(this.metrics.combined("writes")).as("transactions that shared a round trip").isPositive();
	}

	@Test
	void writesToOneKeyShouldGoInSeparateTransactions() throws Exception {
		byte[] shared = key("shared");
		LongAdder sharedPuts = new LongAdder();
		runCallers((caller, round) -> {
			// every caller writes the shared key and a key of its own, in turns
			if ((caller + round) % 2 == 0) {
				this.client.kv().put(PutRequest.of(shared, bytes(value(caller, round))));
				sharedPuts.increment();
			}
			else {
				this.client.kv().put(PutRequest.of(key("mine/" + caller), bytes(value(caller, round))));
			}
		});
		KeyValue kv = this.client.kv().get(shared).orElseThrow();
		assertThat(kv.version()).as("one version per put of the shared key").isEqualTo(sharedPuts.sum());
		assertThat(this.metrics.combined("writes")).as("writes that shared a round trip").isPositive();
		assertThat(this.metrics.resent).as("combined transactions etcd refused (duplicate key)").hasValue(0);
	}

	@Test
	void identicalReadsShouldShareOneRequest() throws Exception {
		byte[] key = key("popular");
		this.client.kv().put(PutRequest.of(key, bytes("hello")));
		long rangesBefore = ranges();
		LongAdder reads = new LongAdder();
		List<byte[]> values = new ArrayList<>();
		runCallers((caller, round) -> {
			Optional<KeyValue> read = this.client.kv().get(key);
			assertThat(read).map(KeyValue::valueAsString).contains("hello");
			reads.increment();
			synchronized (values) {
				values.add(read.get().value());
			}
		});
		long ranges = ranges() - rangesBefore;
		assertThat(ranges).as("ranges etcd served for %d reads", reads.sum()).isLessThan(reads.sum());
		// no two callers hold the same array: one cannot change another's answer
		assertThat(values.stream().map(System::identityHashCode).distinct().count()).isEqualTo(values.size());
	}

	@Test
	void aDeleteShouldNotMeetAPutInItsRange() throws Exception {
		runCallers((caller, round) -> {
			if (caller == 0) {
				this.client.kv().delete(DeleteRequest.prefix(key("range/")));
			}
			else {
				this.client.kv().put(PutRequest.of(key("range/" + caller), bytes(value(caller, round))));
			}
		});
		assertThat(this.metrics.resent).as("combined transactions etcd refused (duplicate key)").hasValue(0);
	}

	@Test
	void aLockShouldStayExclusiveWhenItsCandidatesWriteConcurrently() throws Exception {
		// candidates that joined in one transaction would share a revision and each take
		// themselves for the first: their joins read the lock's prefix, so they never
		// share one
		AtomicLong holders = new AtomicLong();
		AtomicLong overlaps = new AtomicLong();
		LongAdder acquisitions = new LongAdder();
		byte[] counter = key("locked-counter");
		this.client.kv().put(PutRequest.of(counter, bytes("0")));
		// a session each: the candidates of one session share its key
		List<EtcdSession> sessions = new ArrayList<>();
		try {
			for (int caller = 0; caller < CALLERS; caller++) {
				sessions.add(EtcdSession.create(this.client, Duration.ofSeconds(30)));
			}
			runCallers((caller, round) -> {
				EtcdLock lock = sessions.get(caller).lock(this.root + "lock");
				lock.lock();
				try {
					if (holders.incrementAndGet() != 1) {
						overlaps.incrementAndGet();
					}
					// a read-modify-write that only the lock keeps exact
					long count = Long.parseLong(this.client.kv().get(counter).orElseThrow().valueAsString());
					this.client.kv().put(PutRequest.of(counter, bytes(Long.toString(count + 1))));
					acquisitions.increment();
					holders.decrementAndGet();
				}
				finally {
					lock.unlock();
				}
			});
		}
		finally {
			sessions.forEach(EtcdSession::close);
		}
		assertThat(overlaps).as("times two callers held the lock at once").hasValue(0);
		assertThat(acquisitions.sum()).isEqualTo((long) CALLERS * ROUNDS);
		assertThat(this.client.kv().get(counter)).map(KeyValue::valueAsString)
			.contains(Long.toString(acquisitions.sum()));
	}

	@Test
	void aCallerInterruptedWhileWaitingShouldNotSendItsRequest() throws Exception {
		byte[] first = key("in-flight");
		byte[] second = key("abandoned");
		// the member freezes, so that the first put stays in flight and the second waits
		etcd.server().pause();
		Thread waiting;
		Future<?> inFlight;
		try {
			inFlight = this.callers.submit(() -> this.client.kv().put(PutRequest.of(first, bytes("1"))));
			awaitRoundTrips(1);
			List<Throwable> failure = new ArrayList<>();
			waiting = new Thread(() -> {
				try {
					this.client.kv().put(PutRequest.of(second, bytes("2")));
				}
				catch (RuntimeException ex) {
					failure.add(ex);
					failure.add(Thread.currentThread().isInterrupted() ? null : new AssertionError("not interrupted"));
				}
			});
			waiting.start();
			awaitParked(waiting);
			waiting.interrupt();
			waiting.join(10_000);
			assertThat(failure).hasSize(2);
			assertThat(failure.get(0)).isInstanceOf(EtcdException.class).hasMessageContaining("it was not sent");
			assertThat(failure.get(1)).as("the interrupt flag is kept").isNull();
		}
		finally {
			etcd.server().resume();
		}
		inFlight.get(30, TimeUnit.SECONDS);
		assertThat(this.client.kv().get(first)).isPresent();
		assertThat(this.client.kv().get(second)).as("the abandoned put").isEmpty();
	}

	private void awaitRoundTrips(long count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.metrics.roundTrips.sum() >= count);
	}

	private static void awaitParked(Thread thread) {
		await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
	}

	private long ranges() {
		return EtcdMetrics.read(etcd.endpoint(), "etcd_mvcc_range_total").orElseThrow();
	}

	/**
	 * Run {@code body} on {@link #CALLERS} threads for {@link #ROUNDS} rounds, the
	 * callers of a round released together.
	 */
	private void runCallers(CallerBody body) throws Exception {
		runCallers(this.callers, CALLERS, ROUNDS, body);
	}

	/**
	 * Run {@code body} on {@code callers} threads of {@code executor} for {@code rounds}
	 * rounds, the callers of a round released together.
	 */
	static void runCallers(ExecutorService executor, int callers, int rounds, CallerBody body) throws Exception {
		CyclicBarrier start = new CyclicBarrier(callers);
		List<Future<?>> futures = new ArrayList<>();
		for (int caller = 0; caller < callers; caller++) {
			int id = caller;
			futures.add(executor.submit(() -> {
				for (int round = 0; round < rounds; round++) {
					start.await(30, TimeUnit.SECONDS);
					body.run(id, round);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get(90, TimeUnit.SECONDS);
		}
	}

	private byte[] key(String name) {
		return bytes(this.root + name);
	}

	private static String value(int caller, int round) {
		return "caller-" + caller + "-round-" + round;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	interface CallerBody {

		void run(int caller, int round) throws Exception;

	}

	/** Counts the requests that shared a round trip, by lane, and the resent batches. */
	static final class RecordingMetrics implements CoalescingMetrics {

		private final ConcurrentHashMap<String, LongAdder> combined = new ConcurrentHashMap<>();

		final AtomicLong resent = new AtomicLong();

		final LongAdder roundTrips = new LongAdder();

		final LongAdder requests = new LongAdder();

		final LongAdder alone = new LongAdder();

		@Override
		public void roundTrip(String lane, int requests) {
			this.roundTrips.increment();
			this.requests.add(requests);
			if (requests == 1) {
				this.alone.increment();
			}
			if (requests > 1) {
				this.combined.computeIfAbsent(lane, (name) -> new LongAdder()).add(requests);
			}
		}

		@Override
		public void resentAlone(String lane, int requests) {
			this.resent.addAndGet(requests);
		}

		long combined(String lane) {
			LongAdder adder = this.combined.get(lane);
			return (adder != null) ? adder.sum() : 0;
		}

	}

}
