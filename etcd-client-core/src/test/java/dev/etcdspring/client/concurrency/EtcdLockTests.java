package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdLock} on a real etcd: its keys, reentrancy, attempts that give up without
 * leaving a key, fencing and loss.
 */
class EtcdLockTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private final String name = uniqueName("/locks/");

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void lockShouldPutTheSessionKeyUnderTheNameAndUnlockShouldDeleteIt() {
		EtcdSession session = this.support.session(client, TTL);
		EtcdLock lock = session.lock(this.name);
		lock.lock();
		assertThat(lock.isHeld()).isTrue();
		assertThat(lock.key()).isEqualTo(this.name + "/" + Long.toHexString(session.leaseId()));
		KeyValue kv = client.kv().get(lock.key().getBytes(StandardCharsets.UTF_8)).orElseThrow();
		assertThat(kv.lease()).isEqualTo(session.leaseId());
		assertThat(kv.value()).isEmpty();
		assertThat(lock.fencingToken()).isEqualTo(kv.createRevision());
		lock.unlock();
		assertThat(lock.isHeld()).isFalse();
		assertThat(keysUnder(client, this.name)).isEmpty();
	}

	@Test
	void lockWhenHeldByTheSameThreadShouldCountHolds() {
		EtcdLock lock = this.support.session(client, TTL).lock(this.name);
		lock.lock();
		long token = lock.fencingToken();
		assertThat(lock.tryLock()).isTrue();
		lock.lock();
		assertThat(lock.getHoldCount()).isEqualTo(3);
		assertThat(lock.fencingToken()).as("one key for all holds").isEqualTo(token);
		lock.unlock();
		lock.unlock();
		assertThat(lock.getHoldCount()).isOne();
		assertThat(lock.isHeld()).isTrue();
		assertThat(keysUnder(client, this.name)).containsExactly(lock.key());
		lock.unlock();
		assertThat(lock.getHoldCount()).isZero();
		assertThat(keysUnder(client, this.name)).isEmpty();
	}

	@Test
	void unlockWhenCalledByAThreadThatDoesNotHoldTheLockShouldThrow() {
		EtcdLock lock = this.support.session(client, TTL).lock(this.name);
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock)
			.withMessage(
					"etcd lock '" + this.name + "' is not held by thread '" + Thread.currentThread().getName() + "'");
		lock.lock();
		CompletableFuture<Void> otherThread = inThread(() -> {
			lock.unlock();
			return null;
		});
		assertThat(otherThread).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(IllegalMonitorStateException.class);
		assertThat(lock.isHeld()).isTrue();
		assertThat(lock.getHoldCount()).isOne();
		lock.unlock();
	}

	@Test
	void tryLockWhenAnotherSessionHoldsTheLockShouldFailAndLeaveNoKey() {
		EtcdLock holder = this.support.session(client, TTL).lock(this.name);
		EtcdLock other = this.support.session(client, TTL).lock(this.name);
		holder.lock();
		assertThat(other.tryLock()).isFalse();
		assertThat(other.isHeld()).isFalse();
		assertThat(keysUnder(client, this.name)).containsExactly(holder.key());
		holder.unlock();
		assertThat(other.tryLock()).isTrue();
		other.unlock();
	}

	@Test
	void tryLockWithTimeoutWhenTheLockStaysHeldShouldGiveUpAndLeaveNoKey() throws Exception {
		EtcdLock holder = this.support.session(client, TTL).lock(this.name);
		EtcdLock other = this.support.session(client, TTL).lock(this.name);
		holder.lock();
		long started = System.nanoTime();
		assertThat(other.tryLock(500, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500),
				Duration.ofSeconds(5));
		assertThat(keysUnder(client, this.name)).containsExactly(holder.key());
		holder.unlock();
		assertThat(etcd.etcdctl("get", "--prefix", this.name + "/").stdout()).isEmpty();
	}

	@Test
	void tryLockWithTimeoutWhenTheLockIsReleasedInTimeShouldAcquireIt() throws Exception {
		EtcdLock holder = this.support.session(client, TTL).lock(this.name);
		EtcdLock other = this.support.session(client, TTL).lock(this.name);
		holder.lock();
		CompletableFuture<Boolean> waiting = inThread(() -> {
			boolean acquired = other.tryLock(30, TimeUnit.SECONDS);
			if (acquired) {
				other.unlock();
			}
			return acquired;
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> keysUnder(client, this.name).equals(java.util.List.of(holder.key(), other.key())));
		assertThat(waiting).isNotDone();
		holder.unlock();
		assertThat(waiting).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
	}

	@Test
	void lockInterruptiblyWhenInterruptedShouldLeaveNoKey() throws Exception {
		EtcdLock holder = this.support.session(client, TTL).lock(this.name);
		EtcdLock other = this.support.session(client, TTL).lock(this.name);
		holder.lock();
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				other.lockInterruptibly();
				outcome.set(new AssertionError("acquired"));
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> keysUnder(client, this.name).size() == 2);
		waiter.interrupt();
		waiter.join(10_000);
		assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
		assertThat(keysUnder(client, this.name)).containsExactly(holder.key());
		holder.unlock();
	}

	@Test
	void lockWhenInterruptedWhileWaitingShouldGoOnWaitingAndKeepTheInterrupt() throws Exception {
		EtcdLock holder = this.support.session(client, TTL).lock(this.name);
		EtcdLock other = this.support.session(client, TTL).lock(this.name);
		holder.lock();
		long holderToken = holder.fencingToken();
		AtomicReference<String> outcome = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			other.lock();
			outcome.set("held=" + other.isHeld() + " interrupted=" + Thread.currentThread().isInterrupted() + " after="
					+ (other.fencingToken() > holderToken));
			other.unlock();
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> keysUnder(client, this.name).size() == 2);
		waiter.interrupt();
		holder.unlock();
		waiter.join(10_000);
		assertThat(outcome.get()).isEqualTo("held=true interrupted=true after=true");
	}

	@Test
	void newConditionShouldBeUnsupported() {
		EtcdLock lock = this.support.session(client, TTL).lock(this.name);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lock::newCondition)
			.withMessageStartingWith("EtcdLock does not support conditions");
	}

	@Test
	void fencingAndOwnerConditionWhenNotHeldShouldThrow() {
		EtcdLock lock = this.support.session(client, TTL).lock(this.name);
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::fencingToken);
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::ownerCondition);
	}

	@Test
	void ownerConditionWhenTheLeaseWasRevokedShouldMakeEtcdRefuseTheWrite() {
		EtcdSession session = this.support.session(client, TTL);
		EtcdLock lock = session.lock(this.name);
		AtomicReference<EtcdLock> lost = new AtomicReference<>();
		lock.onLost(lost::set);
		lock.lock();
		byte[] resource = (this.name + "-resource").getBytes(StandardCharsets.UTF_8);
		Compare owner = lock.ownerCondition();
		assertThat(client.kv().txn(guardedPut(owner, resource, "first")).succeeded()).isTrue();
		assertThat(etcd.etcdctl("lease", "revoke", Long.toHexString(session.leaseId())).isSuccess()).isTrue();
		assertThat(client.kv().txn(guardedPut(lock.ownerCondition(), resource, "second")).succeeded()).isFalse();
		assertThat(client.kv().get(resource).orElseThrow().valueAsString()).isEqualTo("first");
		await().atMost(Duration.ofSeconds(10)).until(() -> lost.get() == lock);
		assertThat(lock.isHeld()).isFalse();
		assertThat(lock.isHeldByCurrentThread()).as("the local hold stays until unlock").isTrue();
		lock.unlock();
		assertThat(lock.getHoldCount()).isZero();
	}

	private static Txn guardedPut(Compare owner, byte[] key, String value) {
		return Txn.when(owner).then(TxnOp.put(PutRequest.of(key, value.getBytes(StandardCharsets.UTF_8))));
	}

}
