package dev.etcdspring.client.auth;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestAuth;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Authentication against etcd with auth enabled and tokens that expire after 2 seconds.
 */
class AuthenticationTests {

	private static final String PASSWORD = "s3cr3t-Pa55word";

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--auth-token=simple", "--auth-token-ttl=2");

	@BeforeAll
	static void enableAuth() {
		TestAuth.enable(etcd, PASSWORD);
	}

	@Test
	void clientShouldKeepWorkingAcrossTokenExpiry() throws InterruptedException {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			String key = "/app/" + UUID.randomUUID();
			List<WatchEvent> events = new CopyOnWriteArrayList<>();
			long start = template.put(key, "0");
			try (Watch watch = template.watch(key).fromRevision(start + 1).subscribe(events::add)) {
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				int writes = 0;
				// tokens live 2 s: over 10 s of traffic each is replaced several times
				while (System.nanoTime() < deadline) {
					writes++;
					template.put(key, String.valueOf(writes));
					assertThat(template.get(key)).contains(String.valueOf(writes));
					int expected = writes;
					await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == expected);
					// pacing, not synchronisation: spread the writes over several token
					// lifetimes
					Thread.sleep(500);
				}
				assertThat(writes).isGreaterThan(5);
				assertThat(events).extracting((e) -> e.kv().valueAsString()).last().isEqualTo(String.valueOf(writes));
			}
		}
	}

	@Test
	void watchShouldSurviveTokenExpiryWhileIdle() throws InterruptedException {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.build();
				EtcdClient root = TestTransport.builder()
					.endpoints(etcd.endpoints())
					.credentials("root", PASSWORD)
					.build()) {
			String key = "/app/idle-" + UUID.randomUUID();
			List<WatchEvent> events = new CopyOnWriteArrayList<>();
			try (Watch watch = new EtcdTemplate(client).watch(key, events::add)) {
				// the fault injected: let the token the watch was created with expire
				Thread.sleep(3000);
				new EtcdTemplate(root).put(key, "after expiry");
				await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
				// the idle client's token has expired too: its next request authenticates
				// again
				assertThat(new EtcdTemplate(client).get(key)).contains("after expiry");
			}
		}
	}

	@Test
	void watchWithoutPermissionShouldEndAloneAndTellItsListener() {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<WatchEvent> allowed = new CopyOnWriteArrayList<>();
			List<EtcdException> refusals = new CopyOnWriteArrayList<>();
			AtomicInteger disconnects = new AtomicInteger();
			String key = "/app/allowed-" + UUID.randomUUID();
			try (Watch permitted = template.watch(key, new WatchListener() {

				@Override
				public void onEvent(WatchEvent event) {
					allowed.add(event);
				}

				@Override
				public void onDisconnected(EtcdException cause) {
					disconnects.incrementAndGet();
				}

			}); Watch forbidden = template.watch("/other/" + UUID.randomUUID(), new WatchListener() {

				@Override
				public void onEvent(WatchEvent event) {
				}

				@Override
				public void onCancelled(EtcdException cause) {
					refusals.add(cause);
				}

			})) {
				await().atMost(Duration.ofSeconds(10)).until(() -> refusals.size() == 1);
				assertThat(refusals.get(0)).isInstanceOf(EtcdPermissionDeniedException.class)
					.hasMessageContaining("permission denied");
				assertThat(forbidden.isActive()).isFalse();
				template.put(key, "still served");
				await().atMost(Duration.ofSeconds(10)).until(() -> allowed.size() == 1);
				// the refusal ended one watch, not the stream the other one is on
				assertThat(disconnects.get()).isZero();
				assertThat(permitted.isActive()).isTrue();
			}
		}
	}

	@Test
	void wrongPasswordShouldFailClearlyWithoutShowingIt() {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", "wrong-password-123")
			.build()) {
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(client).get("/app/x"))
				.withMessageContaining("authentication failed")
				.withMessageNotContaining("wrong-password-123")
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTHENTICATION_FAILED));
		}
	}

	@Test
	void missingPermissionShouldBeAPermissionErrorNotAnAuthenticationOne() {
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.build()) {
			assertThatExceptionOfType(EtcdPermissionDeniedException.class)
				.isThrownBy(() -> new EtcdTemplate(client).put("/other/x", "v"))
				.withMessageContaining("permission denied")
				.isNotInstanceOf(EtcdAuthenticationException.class)
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.PERMISSION_DENIED));
		}
	}

	@Test
	void noCredentialsShouldFailClearly() {
		try (EtcdClient client = TestTransport.builder().endpoints(etcd.endpoint()).build()) {
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(client).get("/app/x"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.USER_NAME_EMPTY));
		}
	}

	@Test
	void credentialsShouldNeverShowThePassword() {
		assertThat(new EtcdCredentials("app", PASSWORD).toString()).doesNotContain(PASSWORD).contains("app");
	}

}
