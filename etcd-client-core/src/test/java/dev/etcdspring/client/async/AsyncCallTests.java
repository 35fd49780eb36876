package dev.etcdspring.client.async;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdAsync;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.lease.LeaseInfo;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every typed asynchronous operation, and {@code call}/{@code run}, against a real etcd:
 * each future completes with what the synchronous operation returns.
 */
class AsyncCallTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final String prefix = "/async/" + UUID.randomUUID() + "/";

	@Test
	void putGetRangeAndDeleteShouldCompleteWithTheSynchronousResults() throws Exception {
		AsyncKvClient kv = client.async().kv();
		PutRequest.Response put = await(kv.put(PutRequest.of(key("a"), bytes("1"))));
		await(kv.put(PutRequest.of(key("b"), bytes("2"))));
		Optional<KeyValue> a = await(kv.get(key("a")));
		RangeResponse range = await(kv.range(RangeQuery.prefix(this.prefix)));
		DeleteRequest.Response deleted = await(kv.delete(DeleteRequest.prefix(this.prefix).prevKv()));
		assertThat(a).hasValueSatisfying((kv1) -> {
			assertThat(kv1.valueAsString()).isEqualTo("1");
			assertThat(kv1.modRevision()).isEqualTo(put.header().revision());
		});
		assertThat(range.kvs()).extracting(KeyValue::valueAsString).containsExactly("1", "2");
		assertThat(deleted.deleted()).isEqualTo(2);
		assertThat(deleted.prevKvs()).extracting(KeyValue::valueAsString).containsExactly("1", "2");
		assertThat(await(kv.get(key("a")))).isEmpty();
	}

	@Test
	void txnShouldCompleteWithAFailedCompareAsAResult() throws Exception {
		AsyncKvClient kv = client.async().kv();
		await(kv.put(PutRequest.of(key("cas"), bytes("old"))));
		Txn swap = Txn.when(Compare.value(key("cas")).equalTo(bytes("old")))
			.then(TxnOp.put(PutRequest.of(key("cas"), bytes("new"))));
		Txn.Response first = await(kv.txn(swap));
		Txn.Response second = await(kv.txn(swap));
		assertThat(first.succeeded()).isTrue();
		assertThat(second.succeeded()).isFalse();
		assertThat(client.kv().get(key("cas")))
			.hasValueSatisfying((kv1) -> assertThat(kv1.valueAsString()).isEqualTo("new"));
	}

	@Test
	void bulkShouldApplyEveryOperation() throws Exception {
		BulkRequest bulk = BulkRequest.create().opsPerTxn(10);
		for (int i = 0; i < 25; i++) {
			bulk = bulk.put(key("bulk/" + i), bytes(String.valueOf(i)));
		}
		BulkRequest.Response response = await(client.async().kv().bulk(bulk));
		assertThat(response.ops()).isEqualTo(25);
		assertThat(response.transactions()).isEqualTo(3);
		assertThat(client.kv().range(RangeQuery.prefix(this.prefix + "bulk/").countOnly()).count()).isEqualTo(25);
	}

	@Test
	void compactShouldDiscardOlderRevisions() throws Exception {
		long first = client.kv().put(PutRequest.of(key("c"), bytes("1"))).header().revision();
		long second = client.kv().put(PutRequest.of(key("c"), bytes("2"))).header().revision();
		await(client.async().kv().compact(second, false));
		assertThatExceptionOfType(dev.etcdspring.client.exception.EtcdCompactedException.class)
			.isThrownBy(() -> client.kv().range(RangeQuery.key(key("c")).revision(first)));
	}

	@Test
	void leaseOperationsShouldCompleteWithTheSynchronousResults() throws Exception {
		AsyncLeaseClient leases = client.async().leases();
		Lease lease = await(leases.grant(Duration.ofSeconds(30)));
		client.kv().put(PutRequest.of(key("leased"), bytes("x")).lease(lease.id()));
		Optional<LeaseInfo> info = await(leases.timeToLive(lease.id(), true));
		Duration renewed = await(leases.keepAliveOnce(lease.id()));
		await(leases.revoke(lease.id()));
		assertThat(lease.ttl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(info).hasValueSatisfying((state) -> {
			assertThat(state.granted()).isEqualTo(Duration.ofSeconds(30));
			assertThat(state.keys()).extracting((k) -> new String(k, StandardCharsets.UTF_8))
				.containsExactly(this.prefix + "leased");
		});
		assertThat(renewed).isEqualTo(Duration.ofSeconds(30));
		assertThat(await(leases.timeToLive(lease.id(), false))).isEmpty();
		assertThat(client.kv().get(key("leased"))).isEmpty();
	}

	@Test
	void callShouldRunAnyOperationOfTheClient() throws Exception {
		List<Member> members = await(client.async().call((etcd) -> etcd.cluster().members()));
		long revision = await(client.async().call((etcd) -> etcd.cluster().status().header().revision()));
		await(client.async().run((etcd) -> etcd.kv().put(PutRequest.of(key("run"), bytes("done")))));
		assertThat(members).hasSize(1);
		assertThat(revision).isPositive();
		assertThat(client.kv().get(key("run"))).isPresent();
	}

	@Test
	void callShouldRejectNoOperationAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> client.async().call(null))
			.withMessage("operation must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.async().run(null))
			.withMessage("operation must not be null");
	}

	@Test
	void callsShouldRunOnTheGivenExecutor() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "app-executor"));
		try (EtcdClient own = TestTransport.builder().endpoints(etcd.endpoints()).asyncExecutor(executor).build()) {
			String threadName = await(own.async().call((etcd) -> Thread.currentThread().getName()));
			assertThat(threadName).isEqualTo("app-executor");
			assertThat(await(own.async().kv().get(key("none")))).isEmpty();
		}
		// the application's executor is the application's to shut down
		assertThat(executor.isShutdown()).isFalse();
		assertThat(executor.submit(() -> "still running").get(10, TimeUnit.SECONDS)).isEqualTo("still running");
		executor.shutdown();
	}

	@Test
	void defaultExecutorShouldUseVirtualThreadsWhenTheRuntimeHasThem() throws Exception {
		Thread thread = await(client.async().call((etcd) -> Thread.currentThread()));
		assertThat(thread.getName()).matches("etcd-async-\\d+-\\d+");
		boolean virtual = isVirtual(thread);
		assertThat(virtual).isEqualTo(Runtime.version().feature() >= 21);
		if (!virtual) {
			assertThat(thread.isDaemon()).isTrue();
		}
		System.out.println("Asynchronous etcd calls ran on " + (virtual ? "a virtual" : "a platform") + " thread, "
				+ thread.getName() + ", on Java " + Runtime.version());
	}

	@Test
	void callsAfterCloseShouldFailClearly() {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			EtcdClient own = TestTransport.builder().endpoints(etcd.endpoints()).build();
			EtcdClient withExecutor = TestTransport.builder()
				.endpoints(etcd.endpoints())
				.asyncExecutor(executor)
				.build();
			own.close();
			withExecutor.close();
			for (EtcdClient closed : List.of(own, withExecutor)) {
				CompletableFuture<Optional<KeyValue>> get = closed.async().kv().get(key("closed"));
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> get.get(10, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(IllegalStateException.class)
					.withMessage("The EtcdClient is closed: the call was not sent");
			}
			assertThat(executor.isShutdown()).isFalse();
		}
		finally {
			executor.shutdown();
		}
	}

	@Test
	void joinShouldThrowWhatTheSynchronousCallThrows() {
		CompletableFuture<Lease> grant = client.async().leases().grant(Duration.ZERO);
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdAsync.join(grant));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(grant::join)
			.satisfies((ex) -> assertThat(EtcdAsync.unwrap(ex)).isInstanceOf(IllegalArgumentException.class));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(grant::get)
			.satisfies((ex) -> assertThat(EtcdAsync.unwrap(ex)).isInstanceOf(IllegalArgumentException.class));
	}

	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		if (Runtime.version().feature() < 21) {
			return false;
		}
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private byte[] key(String name) {
		return bytes(this.prefix + name);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
