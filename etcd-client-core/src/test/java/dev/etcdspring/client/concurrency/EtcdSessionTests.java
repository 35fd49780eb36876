package dev.etcdspring.client.concurrency;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Sessions on a real etcd: the lease kept alive, revoked on close, loss reported.
 */
class EtcdSessionTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void createWhenTtlIsNotPositiveShouldRefuseItBeforeAnyRequest() throws Exception {
		// a port nobody listens on: a request would fail with a connection error instead
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (EtcdClient unreachable = TestTransport.builder().endpoints("http://127.0.0.1:" + port).build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> EtcdSession.create(unreachable, Duration.ZERO))
				.withMessage("etcd session TTL must be positive, was PT0S");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> EtcdSession.create(unreachable, Duration.ofSeconds(-5)))
				.withMessage("etcd session TTL must be positive, was PT-5S");
			assertThatIllegalArgumentException().isThrownBy(() -> EtcdSession.create(unreachable, null))
				.withMessage("etcd session TTL must be positive, was null");
			assertThatIllegalArgumentException().isThrownBy(() -> EtcdSession.create(null, Duration.ofSeconds(5)))
				.withMessage("EtcdClient must not be null");
		}
	}

	@Test
	void sessionShouldKeepItsLeaseAlivePastItsTtl() {
		EtcdSession session = this.support.session(client, Duration.ofSeconds(2));
		assertThat(session.ttl()).isEqualTo(Duration.ofSeconds(2));
		// twice the TTL: without renewals the lease would be gone
		await().during(Duration.ofSeconds(4))
			.atMost(Duration.ofSeconds(6))
			.until(() -> session.isAlive() && client.leases().timeToLive(session.leaseId(), false).isPresent());
	}

	@Test
	void closeShouldRevokeTheLease() {
		EtcdSession session = EtcdSession.create(client, Duration.ofSeconds(30));
		AtomicInteger lost = new AtomicInteger();
		session.onLost(lost::incrementAndGet);
		assertThat(client.leases().timeToLive(session.leaseId(), false)).isPresent();
		session.close();
		assertThat(session.isAlive()).isFalse();
		assertThat(client.leases().timeToLive(session.leaseId(), false)).isEmpty();
		assertThat(lost).as("closing is not a loss").hasValue(0);
		assertThatExceptionOfType(EtcdSessionLostException.class).isThrownBy(() -> session.lock("/x").lock())
			.withMessageContaining("it was closed");
	}

	@Test
	void sessionWhenLeaseIsRevokedShouldBeLostAndTellListeners() {
		EtcdSession session = this.support.session(client, Duration.ofSeconds(3));
		AtomicInteger lost = new AtomicInteger();
		session.onLost(lost::incrementAndGet);
		client.leases().revoke(session.leaseId());
		// found at the next renewal, a quarter of the TTL later
		await().atMost(Duration.ofSeconds(3)).until(() -> lost.get() == 1);
		assertThat(session.isAlive()).isFalse();
		assertThatExceptionOfType(EtcdSessionLostException.class).isThrownBy(() -> session.lock("/x").tryLock())
			.withMessageContaining("has expired or was revoked");
	}

	@Test
	void lockAndElectionWhenNameIsEmptyShouldBeRefused() {
		EtcdSession session = this.support.session(client, Duration.ofSeconds(10));
		assertThatIllegalArgumentException().isThrownBy(() -> session.lock(""))
			.withMessage("etcd lock name must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> session.election(null))
			.withMessage("etcd election name must not be null or empty");
	}

	@Test
	void lockWhenAskedTwiceForOneNameShouldReturnTheSameLock() {
		EtcdSession session = this.support.session(client, Duration.ofSeconds(10));
		assertThat(session.lock("/locks/same")).isSameAs(session.lock("/locks/same"));
		assertThat(session.election("/elections/same")).isSameAs(session.election("/elections/same"));
	}

}
