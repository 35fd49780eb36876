package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdBulkException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link KvClient#bulk(BulkRequest)} against a real etcd with its default limits
 * ({@code --max-txn-ops} 128, {@code --max-request-bytes} 1.5 MiB).
 */
class BulkWriteTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	String root;

	@BeforeEach
	void createRoot() {
		this.root = "/bulk-" + UUID.randomUUID() + "/";
	}

	@Test
	void tenThousandPutsWithDefaultsShouldAllBeReadable() {
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 10_000; i++) {
			request = request.put(key(i), value(i));
		}

		BulkRequest.Response response = client.kv().bulk(request);

		assertThat(response.ops()).isEqualTo(10_000);
		assertThat(response.transactions()).isEqualTo(79);
		assertThat(count()).isEqualTo(10_000);
		for (int i : List.of(0, 127, 128, 5_000, 9_999)) {
			assertThat(client.kv().get(key(i))).hasValueSatisfying((kv) -> assertThat(kv.value()).isEqualTo(value(i)));
		}
		long newestModRevision = client.kv()
			.range(RangeQuery.prefix(this.root).sort(SortTarget.MOD, SortOrder.DESCEND).limit(1))
			.kvs()
			.get(0)
			.modRevision();
		assertThat(response.revision()).isEqualTo(newestModRevision);
	}

	@Test
	void deletesShouldRemoveTheirKeysNextToPuts() {
		BulkRequest puts = BulkRequest.create();
		for (int i = 0; i < 500; i++) {
			puts = puts.put(key(i), value(i));
		}
		client.kv().bulk(puts);
		BulkRequest mixed = BulkRequest.create();
		for (int i = 0; i < 300; i++) {
			mixed = mixed.delete(key(i));
		}
		mixed = mixed.delete(key(10_000)).put(key(10_001), value(10_001));

		BulkRequest.Response response = client.kv().bulk(mixed);

		assertThat(response.ops()).isEqualTo(302);
		assertThat(count()).isEqualTo(201);
		assertThat(client.kv().get(key(0))).isEmpty();
		assertThat(client.kv().get(key(299))).isEmpty();
		assertThat(client.kv().get(key(300))).isPresent();
		assertThat(client.kv().get(key(10_001))).isPresent();
	}

	@Test
	void valuesTooLargeForOneTransactionShouldBeCutByBytes() {
		// 128 values of 16 KiB are 2 MiB, over etcd's 1.5 MiB: the count alone would fail
		byte[] value = new byte[16 * 1024];
		Arrays.fill(value, (byte) 'x');
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 200; i++) {
			request = request.put(key(i), value);
		}
		BulkRequest uncut = request.bytesPerTxn(Long.MAX_VALUE).parallelism(1);
		assertThatExceptionOfType(EtcdBulkException.class).isThrownBy(() -> client.kv().bulk(uncut))
			.withCauseInstanceOf(EtcdRequestTooLargeException.class);

		BulkRequest.Response response = client.kv().bulk(request);

		assertThat(response.ops()).isEqualTo(200);
		// 3.2 MiB in transactions of at most 1 MiB
		assertThat(response.transactions()).isEqualTo(4);
		assertThat(count()).isEqualTo(200);
		assertThat(client.kv().get(key(199))).hasValueSatisfying((kv) -> assertThat(kv.value()).isEqualTo(value));
	}

	@Test
	void operationLargerThanTheBudgetShouldBeSentAlone() {
		// over the 1 MiB budget, under etcd's 1.5 MiB limit
		byte[] large = new byte[1_200_000];
		Arrays.fill(large, (byte) 'L');
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 21; i++) {
			request = request.put(key(i), (i == 10) ? large : value(i));
		}

		BulkRequest.Response response = client.kv().bulk(request);

		assertThat(response.transactions()).isEqualTo(3);
		assertThat(count()).isEqualTo(21);
		assertThat(client.kv().get(key(10))).hasValueSatisfying((kv) -> assertThat(kv.value()).isEqualTo(large));
	}

	@Test
	void failureMidwayShouldSayWhatWasAppliedAndStop() {
		byte[] tooLarge = new byte[2 * 1024 * 1024];
		BulkRequest request = BulkRequest.create().parallelism(1);
		for (int i = 0; i < 300; i++) {
			request = request.put(key(i), (i == 150) ? tooLarge : value(i));
		}

		EtcdBulkException failure = catchBulkFailure(request);

		// transactions: [0, 128), [128, 150), [150] refused, [151, 279) and [279, 300)
		// not sent
		assertThat(failure.getTotalOps()).isEqualTo(300);
		assertThat(failure.getAppliedOps()).isEqualTo(150);
		assertThat(failure.getFailedTransactions()).containsExactly(2);
		assertThat(failure.getUnknownTransactions()).isEmpty();
		assertThat(failure.getUnappliedKeys()).hasSize(150)
			.allSatisfy((key) -> assertThat(indexOf(key)).isBetween(150, 299));
		assertThat(failure.getCause()).isInstanceOf(EtcdRequestTooLargeException.class);
		assertThat(failure.getMessage()).contains("150 of 300 operations applied (2 of 5 transactions)")
			.contains("First failure, in transaction 2: etcd at " + etcd.endpoint())
			.contains("Operation 150 (key '" + this.root + "0000000150') alone is larger than etcd's "
					+ "--max-request-bytes")
			.contains("Not applied: transaction 2 (operations 150 to 150) failed; "
					+ "2 transaction(s) (149 operations) not sent")
			.contains("getUnappliedKeys() lists the 150 keys");
		assertThat(count()).isEqualTo(150);
		assertThat(client.kv().get(key(149))).isPresent();
		assertThat(client.kv().get(key(151))).isEmpty();
	}

	@Test
	void failureWithParallelTransactionsShouldAccountForEveryKey() {
		byte[] tooLarge = new byte[2 * 1024 * 1024];
		BulkRequest request = BulkRequest.create().opsPerTxn(16);
		for (int i = 0; i < 2_000; i++) {
			request = request.put(key(i), (i == 1_000) ? tooLarge : value(i));
		}

		EtcdBulkException failure = catchBulkFailure(request);

		Set<Integer> unapplied = failure.getUnappliedKeys()
			.stream()
			.map(BulkWriteTests::indexOf)
			.collect(Collectors.toSet());
		assertThat(unapplied).contains(1_000).hasSize(2_000 - failure.getAppliedOps());
		assertThat(failure.getUnknownTransactions()).isEmpty();
		Set<Integer> stored = client.kv()
			.range(RangeQuery.prefix(this.root))
			.kvs()
			.stream()
			.map((kv) -> indexOf(kv.key()))
			.collect(Collectors.toSet());
		assertThat(stored).hasSize(failure.getAppliedOps()).doesNotContainAnyElementsOf(unapplied);
	}

	@Test
	void parallelismOneShouldApplyTransactionsInOrder() {
		BulkRequest request = BulkRequest.create().opsPerTxn(10).parallelism(1);
		for (int i = 0; i < 1_000; i++) {
			request = request.put(key(i), value(i));
		}

		BulkRequest.Response response = client.kv().bulk(request);

		List<Long> revisions = client.kv()
			.range(RangeQuery.prefix(this.root))
			.kvs()
			.stream()
			.map(KeyValue::modRevision)
			.toList();
		assertThat(revisions).hasSize(1_000).isSorted();
		assertThat(revisions.stream().distinct()).hasSize(100);
		assertThat(revisions.get(0)).isEqualTo(revisions.get(9)).isLessThan(revisions.get(10));
		assertThat(response.revision()).isEqualTo(revisions.get(999));
	}

	@Test
	void helperThreadsShouldBeNamedAndEndWithTheClient() {
		Set<Thread> before = bulkThreads();
		List<Thread> helpers;
		try (EtcdClient own = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			BulkRequest request = BulkRequest.create().opsPerTxn(10).parallelism(4);
			for (int i = 0; i < 400; i++) {
				request = request.put(key(i), value(i));
			}
			own.kv().bulk(request);
			helpers = new ArrayList<>(bulkThreads());
			helpers.removeAll(before);
			// three helpers next to the calling thread (fewer if one was already idle
			// again)
			assertThat(helpers).isNotEmpty()
				.hasSizeLessThanOrEqualTo(3)
				.allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> helpers.stream().noneMatch(Thread::isAlive));
		assertThat(count()).isEqualTo(400);
	}

	@Test
	void interruptedCallerShouldSendNothing() {
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < 300; i++) {
			request = request.put(key(i), value(i));
		}
		Thread.currentThread().interrupt();
		EtcdBulkException failure;
		try {
			failure = catchBulkFailure(request);
		}
		finally {
			assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
		}
		assertThat(failure.getAppliedOps()).isZero();
		assertThat(failure.getUnappliedKeys()).hasSize(300);
		assertThat(failure.getMessage()).contains("0 of 300 operations applied").contains("Interrupted.");
		assertThat(count()).isZero();
	}

	@Test
	void eachTransactionShouldBeLoggedAtDebug() {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.etcdspring.client.internal.kv.BulkWriter");
		Level previous = logger.getLevel();
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		logger.addAppender(captured);
		logger.setLevel(Level.DEBUG);
		try {
			BulkRequest request = BulkRequest.create().opsPerTxn(10).parallelism(1);
			for (int i = 0; i < 25; i++) {
				request = request.put(key(i), value(i));
			}
			client.kv().bulk(request);
		}
		finally {
			logger.setLevel(previous);
			logger.detachAppender(captured);
		}
		List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).startsWith("etcd bulk write: transaction 0 of 3 (operations 0 to 9, ~");
		assertThat(lines.get(2)).startsWith("etcd bulk write: transaction 2 of 3 (operations 20 to 24, ~");
		assertThat(lines.get(3)).startsWith("etcd bulk write: 25 operations applied in 3 transactions up to revision");
	}

	@Test
	void emptyBulkShouldDoNothing() {
		assertThat(client.kv().bulk(BulkRequest.create())).isEqualTo(new BulkRequest.Response(0, 0, 0));
	}

	private static EtcdBulkException catchBulkFailure(BulkRequest request) {
		try {
			client.kv().bulk(request);
		}
		catch (EtcdBulkException ex) {
			return ex;
		}
		throw new AssertionError("Expected an EtcdBulkException");
	}

	private static Set<Thread> bulkThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("etcd-bulk-"))
			.collect(Collectors.toSet());
	}

	private long count() {
		return client.kv().range(RangeQuery.prefix(this.root).countOnly()).count();
	}

	private byte[] key(int index) {
		return (this.root + "%010d".formatted(index)).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] value(int index) {
		return ("value " + index).getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(byte[] key) {
		String text = new String(key, StandardCharsets.UTF_8);
		return Integer.parseInt(text.substring(text.length() - 10));
	}

}
