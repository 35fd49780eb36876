package dev.etcdspring.client.async;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestAuth;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.async.AsyncFailureTests.assertSameFailure;

/**
 * Refusals of an etcd with auth enabled and a small {@code --max-request-bytes}: the
 * future fails with exactly the synchronous call's exception.
 */
class AsyncAuthFailureTests {

	private static final String PASSWORD = "as-yNc-Pa55word";

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--max-request-bytes=65536");

	@BeforeAll
	static void enableAuth() {
		TestAuth.enable(etcd, PASSWORD);
	}

	@Test
	void permissionDeniedShouldFailTheFutureAsTheSynchronousCall() {
		try (EtcdClient app = client("app", PASSWORD)) {
			PutRequest outside = PutRequest.of(bytes("/other/" + UUID.randomUUID()), bytes("x"));
			assertSameFailure(app, (client) -> client.kv().put(outside), (async) -> async.kv().put(outside),
					EtcdPermissionDeniedException.class);
		}
	}

	@Test
	void wrongPasswordShouldFailTheFutureAsTheSynchronousCall() {
		try (EtcdClient app = client("app", "wrong")) {
			byte[] key = bytes("/app/" + UUID.randomUUID());
			assertSameFailure(app, (client) -> client.kv().get(key), (async) -> async.kv().get(key),
					EtcdAuthenticationException.class);
		}
	}

	@Test
	void requestTooLargeShouldFailTheFutureAsTheSynchronousCall() {
		try (EtcdClient app = client("app", PASSWORD)) {
			byte[] value = new byte[100 * 1024];
			Arrays.fill(value, (byte) 'x');
			PutRequest big = PutRequest.of(bytes("/app/" + UUID.randomUUID()), value);
			assertSameFailure(app, (client) -> client.kv().put(big), (async) -> async.kv().put(big),
					EtcdRequestTooLargeException.class);
		}
	}

	private static EtcdClient client(String user, String password) {
		return TestTransport.builder().endpoints(etcd.endpoints()).credentials(user, password).build();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
