package dev.etcdspring.client.async;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdCompactedException;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A future fails with exactly the exception the synchronous call throws, for each kind of
 * failure a real etcd (or a dead or hung endpoint) can cause. Permission and size
 * refusals: {@link AsyncAuthFailureTests}.
 */
class AsyncFailureTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final String prefix = "/async-failures/" + UUID.randomUUID() + "/";

	@Test
	void leaseNotFoundShouldFailTheFutureAsTheSynchronousCall() {
		long unknown = 0x7eadbeefL;
		assertSameFailure(client, (etcd) -> etcd.leases().keepAliveOnce(unknown),
				(async) -> async.leases().keepAliveOnce(unknown), EtcdLeaseNotFoundException.class);
		assertSameFailure(client, (etcd) -> {
			etcd.leases().revoke(unknown);
			return null;
		}, (async) -> async.leases().revoke(unknown), EtcdLeaseNotFoundException.class);
	}

	@Test
	void readAtACompactedRevisionShouldFailTheFutureAsTheSynchronousCall() {
		long first = client.kv().put(PutRequest.of(key("c"), bytes("1"))).header().revision();
		long second = client.kv().put(PutRequest.of(key("c"), bytes("2"))).header().revision();
		client.kv().compact(second, false);
		RangeQuery old = RangeQuery.key(key("c")).revision(first);
		assertSameFailure(client, (etcd) -> etcd.kv().range(old), (async) -> async.kv().range(old),
				EtcdCompactedException.class);
	}

	@Test
	void badInputShouldFailTheFutureAsTheSynchronousCall() {
		assertSameFailure(client, (etcd) -> etcd.leases().grant(Duration.ofSeconds(-1)),
				(async) -> async.leases().grant(Duration.ofSeconds(-1)), IllegalArgumentException.class);
		assertSameFailure(client, (etcd) -> etcd.kv().bulk(null), (async) -> async.kv().bulk(null),
				IllegalArgumentException.class);
	}

	@Test
	void credentialsForAServerWithoutAuthShouldFailTheFutureAsTheSynchronousCall() {
		try (EtcdClient withCredentials = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", "secret")
			.build()) {
			assertSameFailure(withCredentials, (etcd) -> etcd.kv().get(key("a")), (async) -> async.kv().get(key("a")),
					EtcdPreconditionFailedException.class);
		}
	}

	@Test
	void hungEndpointShouldFailTheFutureAsTheSynchronousCall() {
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient hungClient = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(Duration.ofMillis(500))
					.build()) {
			assertSameFailure(hungClient, (etcd) -> etcd.kv().get(key("a")), (async) -> async.kv().get(key("a")),
					EtcdTimeoutException.class);
			PutRequest put = PutRequest.of(key("a"), bytes("1"));
			assertSameFailure(hungClient, (etcd) -> etcd.kv().put(put), (async) -> async.kv().put(put),
					EtcdOutcomeUnknownException.class);
		}
	}

	@Test
	void deadEndpointShouldFailTheFutureAsTheSynchronousCall() throws Exception {
		String dead;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			dead = "http://127.0.0.1:" + socket.getLocalPort();
		}
		try (EtcdClient deadClient = TestTransport.builder()
			.endpoints(dead)
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			assertSameFailure(deadClient, (etcd) -> etcd.kv().get(key("a")), (async) -> async.kv().get(key("a")),
					EtcdConnectionException.class);
			PutRequest put = PutRequest.of(key("a"), bytes("1"));
			assertSameFailure(deadClient, (etcd) -> etcd.kv().put(put), (async) -> async.kv().put(put),
					EtcdConnectionException.class);
		}
	}

	/**
	 * Run the call synchronously and asynchronously: the future must fail with an
	 * exception of exactly the synchronous one's class, saying the same.
	 */
	static void assertSameFailure(EtcdClient client, Function<EtcdClient, ?> sync,
			Function<EtcdAsyncAccess, CompletableFuture<?>> async, Class<? extends Throwable> expectedType) {
		Throwable thrown = catchThrowable(() -> sync.apply(client));
		assertThat(thrown).as("the synchronous call's failure").isExactlyInstanceOf(expectedType);
		CompletableFuture<?> future = async.apply(new EtcdAsyncAccess(client));
		Throwable failed = catchThrowable(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
		assertThat(failed).isInstanceOf(ExecutionException.class);
		// the reason in parentheses may differ (which of two timeouts fired first)
		String stablePart = thrown.getMessage().split(" \\(")[0];
		assertThat(failed.getCause()).isExactlyInstanceOf(expectedType).hasMessageStartingWith(stablePart);
		assertThat(future).isCompletedExceptionally().isNotCancelled();
	}

	/** The typed views, so that a test names the same operation twice in one shape. */
	record EtcdAsyncAccess(EtcdClient client) {

		AsyncKvClient kv() {
			return this.client.async().kv();
		}

		AsyncLeaseClient leases() {
			return this.client.async().leases();
		}

	}

	private byte[] key(String name) {
		return bytes(this.prefix + name);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
