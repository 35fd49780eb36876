package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.awaitQueued;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Sessions renewed by hand: keep-alive stopped, renewals with the same or another TTL,
 * and locks dropped from a session.
 */
class EtcdSessionRenewalTests {

	/** etcd's minimum with default flags: the shortest wait for an expiry. */
	private static final Duration SHORT_TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private final String name = uniqueName("/locks/renewal-");

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void sessionWhoseKeepAliveStoppedShouldBeLostAfterItsTtlAndFreeTheLock() {
		EtcdSession session = this.support.session(client, SHORT_TTL);
		EtcdLock lock = session.lock(this.name);
		AtomicLong lostAt = new AtomicLong();
		lock.onLost((lost) -> lostAt.set(System.nanoTime()));
		lock.lock();
		session.stopKeepAlive();
		long renewedAt = System.nanoTime();
		session.renew();
		assertThat(session.isKeptAlive()).isFalse();

		await().atMost(SHORT_TTL.plusSeconds(3)).until(() -> lostAt.get() != 0);
		assertThat(Duration.ofNanos(lostAt.get() - renewedAt)).as("lost one TTL after the last renewal")
			.isBetween(SHORT_TTL.minusMillis(100), SHORT_TTL.plusSeconds(1));
		assertThat(session.isAlive()).isFalse();
		assertThat(lock.isHeld()).isFalse();
		EtcdLock other = this.support.session(client, Duration.ofSeconds(10)).lock(this.name);
		assertThat(other.tryLock()).as("the lease was revoked when the session counted as lost").isTrue();
		other.unlock();
		lock.unlock();
		assertThatExceptionOfType(EtcdSessionLostException.class).isThrownBy(session::renew)
			.withMessageContaining("succeeded for its 2 s TTL");
	}

	@Test
	void renewWhenKeepAliveStoppedShouldKeepTheLockPastItsTtl() {
		EtcdSession session = this.support.session(client, SHORT_TTL);
		EtcdLock lock = session.lock(this.name);
		lock.lock();
		session.stopKeepAlive();
		long started = System.nanoTime();
		// renewed by hand for twice the TTL
		await().pollInterval(Duration.ofMillis(400)).atMost(Duration.ofSeconds(8)).until(() -> {
			session.renew();
			return System.nanoTime() - started > SHORT_TTL.multipliedBy(2).toNanos();
		});
		assertThat(lock.isHeld()).isTrue();
		assertThat(keysUnder(client, this.name)).containsExactly(lock.key());
		lock.unlock();
	}

	@Test
	void renewWithAnotherTtlShouldMoveTheKeysOntoANewLeaseKeepingTheirPlaces() throws Exception {
		EtcdSession session = this.support.session(client, SHORT_TTL);
		EtcdLock lock = session.lock(this.name);
		EtcdElection election = session.election(this.name + "-election");
		lock.lock();
		election.campaign("me");
		long token = lock.fencingToken();
		long firstLease = session.leaseId();
		EtcdLock waiter = this.support.session(client, Duration.ofSeconds(10)).lock(this.name);
		CompletableFuture<Long> waiting = inThread(() -> {
			waiter.lock();
			long waiterToken = waiter.fencingToken();
			waiter.unlock();
			return waiterToken;
		});
		awaitQueued(client, this.name, 2, waiting);

		session.stopKeepAlive();
		session.renew(Duration.ofSeconds(30));

		assertThat(session.leaseId()).isNotEqualTo(firstLease);
		assertThat(session.ttl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(client.leases().timeToLive(firstLease, false)).as("the old lease is revoked").isEmpty();
		KeyValue key = client.kv().get(lock.key().getBytes(StandardCharsets.UTF_8)).orElseThrow();
		assertThat(key.lease()).isEqualTo(session.leaseId());
		assertThat(key.createRevision()).as("same place in the queue").isEqualTo(token);
		assertThat(lock.key()).isEqualTo(this.name + "/" + Long.toHexString(firstLease));
		KeyValue candidate = client.kv().get(election.key().getBytes(StandardCharsets.UTF_8)).orElseThrow();
		assertThat(candidate.lease()).isEqualTo(session.leaseId());
		assertThat(candidate.valueAsString()).isEqualTo("me");
		assertThat(lock.isHeld()).isTrue();
		assertThat(election.isLeader()).isTrue();
		assertThat(lock.ownerCondition()).isNotNull();
		assertThat(waiting).isNotDone();
		lock.unlock();
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isGreaterThan(token);
	}

	@Test
	void discardLockWhenUnusedShouldDropItAndWhenHeldShouldKeepIt() {
		EtcdSession session = this.support.session(client, Duration.ofSeconds(10));
		EtcdLock held = session.lock(this.name);
		held.lock();
		assertThat(session.discardLock(this.name)).isFalse();
		assertThat(session.lock(this.name)).isSameAs(held);
		held.unlock();

		assertThat(session.discardLock(this.name)).isTrue();
		assertThatIllegalStateException().isThrownBy(held::tryLock)
			.withMessage("etcd lock '" + this.name + "' was discarded from its session: get a new one with "
					+ "EtcdSession.lock(name)");
		assertThat(held.isHeldByCurrentThread()).isFalse();
		EtcdLock fresh = session.lock(this.name);
		assertThat(fresh).isNotSameAs(held);
		assertThat(fresh.tryLock()).isTrue();
		assertThat(keysUnder(client, this.name)).isEqualTo(List.of(fresh.key()));
		fresh.unlock();
		assertThat(session.discardLock("/locks/never-used")).isTrue();
	}

}
