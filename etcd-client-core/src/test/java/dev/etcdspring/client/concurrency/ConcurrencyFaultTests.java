package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.awaitQueued;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A holder or leader that loses its member on a 3-member cluster: it is told before
 * anyone else takes over, and someone else takes over once etcd has expired its lease.
 * The holder's client talks only to a follower, which is frozen or killed; the others'
 * clients talk to the other two members, which keep a quorum.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConcurrencyFaultTests {

	/** Short, so that the tests are; etcd's minimum with default flags is 2 s. */
	private static final Duration TTL = Duration.ofSeconds(3);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private EtcdServer faulty;

	@AfterEach
	void close() {
		try {
			if (this.faulty != null && this.faulty.isPaused()) {
				this.faulty.resume();
			}
			this.support.close();
		}
		finally {
			if (this.faulty != null && !this.faulty.isRunning()) {
				this.faulty.restart();
			}
		}
	}

	@Test
	void lockHolderWhoseMemberIsFrozenShouldLearnOfTheLossBeforeAnotherSessionAcquires() {
		EtcdCluster cluster = etcd.cluster();
		this.faulty = cluster.follower();
		String name = uniqueName("/locks/fault-");
		EtcdClient holderClient = this.support.closeLater(TestTransport.builder()
			.endpoints(this.faulty.endpoint())
			.requestTimeout(Duration.ofSeconds(2))
			.build());
		EtcdClient otherClient = this.support
			.closeLater(TestTransport.builder().endpoints(cluster.endpointsExcept(this.faulty)).build());
		EtcdLock holder = this.support.session(holderClient, TTL).lock(name);
		EtcdLock other = this.support.session(otherClient, Duration.ofSeconds(10)).lock(name);
		AtomicLong lostAt = new AtomicLong();
		AtomicReference<Boolean> heldWhenTold = new AtomicReference<>();
		holder.onLost((lock) -> {
			heldWhenTold.set(lock.isHeld());
			lostAt.set(System.nanoTime());
		});
		holder.lock();
		AtomicReference<Boolean> holderHeldWhenOtherAcquired = new AtomicReference<>();
		CompletableFuture<Long> otherAcquired = inThread(() -> {
			other.lock();
			long at = System.nanoTime();
			holderHeldWhenOtherAcquired.set(holder.isHeld());
			other.unlock();
			return at;
		});
		awaitQueued(otherClient, name, 2, otherAcquired);

		long frozenAt = System.nanoTime();
		this.faulty.pause();
		long acquiredAt = otherAcquired.join();

		assertThat(lostAt.get()).as("loss reported").isNotZero();
		assertThat(lostAt.get()).as("loss reported before the other session acquired").isLessThan(acquiredAt);
		assertThat(heldWhenTold.get()).as("isHeld() when the listener ran").isFalse();
		assertThat(holderHeldWhenOtherAcquired.get()).as("isHeld() when the other session acquired").isFalse();
		assertThat(Duration.ofNanos(lostAt.get() - frozenAt)).as("loss reported within the TTL").isLessThan(TTL);
		holder.unlock();
	}

	@Test
	void leaderWhoseMemberIsKilledShouldBeRevokedAndAnotherCandidateElectedWithinTtlPlusTwoSeconds() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		this.faulty = cluster.follower();
		String name = uniqueName("/elections/fault-");
		EtcdClient leaderClient = this.support.closeLater(TestTransport.builder()
			.endpoints(this.faulty.endpoint())
			.requestTimeout(Duration.ofSeconds(2))
			.build());
		EtcdClient otherClient = this.support
			.closeLater(TestTransport.builder().endpoints(cluster.endpointsExcept(this.faulty)).build());
		EtcdElection leader = this.support.session(leaderClient, TTL).election(name);
		EtcdElection candidate = this.support.session(otherClient, Duration.ofSeconds(10)).election(name);
		AtomicLong revokedAt = new AtomicLong();
		leader.onRevoked((election) -> revokedAt.set(System.nanoTime()));
		leader.campaign("first");
		CompletableFuture<Long> elected = inThread(() -> {
			candidate.campaign("second");
			return System.nanoTime();
		});
		awaitQueued(otherClient, name, 2, elected);

		long killedAt = System.nanoTime();
		this.faulty.kill();
		long electedAt = elected.get(TTL.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);

		assertThat(Duration.ofNanos(electedAt - killedAt)).as("next leader elected within TTL + 2 s")
			.isLessThan(TTL.plusSeconds(2));
		assertThat(revokedAt.get()).as("revocation reported").isNotZero();
		assertThat(revokedAt.get()).as("revocation reported before the next leader was elected").isLessThan(electedAt);
		assertThat(leader.isLeader()).isFalse();
		assertThat(candidate.isLeader()).isTrue();
		assertThat(candidate.leader().orElseThrow().valueAsString()).isEqualTo("second");
	}

}
