package dev.etcdspring.client.async;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling a future: before its call started, nothing is sent; while it runs, its
 * thread is free at once, even though the member never answers.
 */
class AsyncCancellationTests {

	/** Far longer than any test waits: a call that ends did not time out. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "one-async-thread");
		thread.setDaemon(true);
		return thread;
	});

	private final String prefix = "/async-cancel/" + UUID.randomUUID() + "/";

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void cancelBeforeTheCallStartedShouldNeverSendIt() throws Exception {
		try (EtcdClient own = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.asyncExecutor(this.executor)
			.build()) {
			CountDownLatch release = new CountDownLatch(1);
			Future<?> blocker = this.executor.submit(() -> {
				release.await();
				return null;
			});
			CompletableFuture<PutRequest.Response> put = own.async().kv().put(PutRequest.of(key("never"), bytes("x")));
			assertThat(put.cancel(true)).isTrue();
			release.countDown();
			blocker.get(10, TimeUnit.SECONDS);
			// the executor runs in order: once this call is done, the cancelled one had
			// its turn
			RangeResponse after = own.async().kv().range(RangeQuery.prefix(this.prefix)).get(10, TimeUnit.SECONDS);
			assertThat(put).isCancelled();
			assertThat(after.kvs()).isEmpty();
			assertThat(etcd.etcdctl("get", "--prefix", this.prefix).stdout()).isEmpty();
		}
	}

	@Test
	void cancelOfARunningReadShouldFreeItsThreadAtOnce() throws Exception {
		assertCancelFreesThread((etcd) -> etcd.async().kv().get(key("hung")));
	}

	@Test
	void cancelOfARunningWriteShouldFreeItsThreadAtOnce() throws Exception {
		assertCancelFreesThread((etcd) -> etcd.async().kv().put(PutRequest.of(key("hung"), bytes("maybe"))));
	}

	@Test
	void cancelOnTheDefaultExecutorShouldAbortTheExchange() {
		// a virtual thread on Java 21 and later, a pool thread before
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient hungClient = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(REQUEST_TIMEOUT)
					.build()) {
			CompletableFuture<?> get = hungClient.async().kv().get(key("hung"));
			await().atMost(PROMPTLY).until(() -> hung.connections() > 0);
			assertThat(get.cancel(true)).isTrue();
			await().atMost(PROMPTLY).until(() -> hung.closedByClients() > 0);
			assertThat(get).isCancelled();
		}
	}

	@Test
	void cancelWithoutInterruptShouldLetTheCallRunToItsEnd() throws Exception {
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient hungClient = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(Duration.ofSeconds(1))
					.asyncExecutor(this.executor)
					.build()) {
			CompletableFuture<?> get = hungClient.async().kv().get(key("hung"));
			await().atMost(PROMPTLY).until(() -> hung.connections() > 0);
			long start = System.nanoTime();
			assertThat(get.cancel(false)).isTrue();
			// the call goes on until its request timeout, and only then frees the thread
			this.executor.submit(() -> null).get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
			assertThat(get).isCancelled();
		}
	}

	@Test
	void callAfterACancelledOneShouldWorkOnTheSameThread() throws Exception {
		try (EtcdClient own = TestTransport.builder().endpoints(etcd.endpoints()).asyncExecutor(this.executor).build();
				HungEndpoint hung = HungEndpoint.start();
				EtcdClient hungClient = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(REQUEST_TIMEOUT)
					.asyncExecutor(this.executor)
					.build()) {
			CompletableFuture<?> stuck = hungClient.async().kv().get(key("hung"));
			await().atMost(PROMPTLY).until(() -> hung.connections() > 0);
			stuck.cancel(true);
			// the interrupt was this call's alone: the next call on the thread is not hit
			AtomicReference<Boolean> interrupted = new AtomicReference<>();
			PutRequest.Response put = own.async().call((etcd) -> {
				interrupted.set(Thread.currentThread().isInterrupted());
				return etcd.kv().put(PutRequest.of(key("after"), bytes("ok")));
			}).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
			assertThat(interrupted.get()).isFalse();
			assertThat(put.header().revision()).isPositive();
			assertThat(own.kv().get(key("after"))).map(KeyValue::valueAsString).contains("ok");
		}
	}

	/**
	 * A call to a member that never answers, cancelled once its request is out: the
	 * executor's only thread must be free within {@link #PROMPTLY}, far before the
	 * request timeout, and the connection closed (on the built-in transport by the client
	 * itself, on the {@code RestClient} one by the JDK's HttpClient, which the tests use
	 * and which cancels an interrupted request).
	 */
	private void assertCancelFreesThread(java.util.function.Function<EtcdClient, CompletableFuture<?>> call)
			throws Exception {
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient hungClient = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(REQUEST_TIMEOUT)
					.asyncExecutor(this.executor)
					.build()) {
			CompletableFuture<?> future = call.apply(hungClient);
			await().atMost(PROMPTLY).until(() -> hung.connections() > 0);
			long start = System.nanoTime();
			assertThat(future.cancel(true)).isTrue();
			this.executor.submit(() -> null).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
			Duration freedAfter = Duration.ofNanos(System.nanoTime() - start);
			assertThat(future).isCancelled();
			assertThat(freedAfter).isLessThan(PROMPTLY);
			// and the exchange was aborted, not left running: its connection is closed
			await().atMost(PROMPTLY).until(() -> hung.closedByClients() > 0);
			System.out.println(
					"The cancelled call's thread was free after " + freedAfter.toMillis() + " ms (" + hungClient + ")");
		}
	}

	private byte[] key(String name) {
		return bytes(this.prefix + name);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
