package dev.etcdspring.client.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.integration.support.locks.DistributedLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdLockRegistry} on a real etcd: keys under the prefix, reentrancy, timeouts,
 * two registries of two clients, expiry of unused locks, and what the session or a TTL of
 * a lock's own decides.
 */
class EtcdLockRegistryTests {

	/** etcd's minimum with default flags: the shortest wait for an expiry. */
	private static final Duration SHORT_TTL = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@RegisterExtension
	static EtcdClientFixture otherClient = EtcdClientFixture.of(etcd);

	private final String prefix = "/locks/registry-" + UUID.randomUUID().toString().substring(0, 8) + "/";

	private final EtcdLockRegistry registry = new EtcdLockRegistry(client, this.prefix, Duration.ofSeconds(10));

	private final EtcdLockRegistry otherRegistry = new EtcdLockRegistry(otherClient, this.prefix,
			Duration.ofSeconds(10));

	@AfterEach
	void close() {
		this.registry.close();
		this.otherRegistry.close();
	}

	@Test
	void obtainShouldReturnOneLockPerKeyAndRefuseKeysThatAreNotStrings() {
		assertThat(this.registry.obtain("orders")).isSameAs(this.registry.obtain("orders"))
			.isNotSameAs(this.registry.obtain("invoices"));
		assertThat(this.registry.obtain("orders").name()).isEqualTo(this.prefix + "orders");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.obtain(42))
			.withMessage("Lock key must be a non-empty String, was 42");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.obtain(""));
	}

	@Test
	void lockShouldPutAKeyOfTheRegistrySessionUnderThePrefixAndUnlockShouldDeleteIt() {
		EtcdDistributedLock lock = this.registry.obtain("orders");
		lock.lock();
		List<KeyValue> keys = keysUnder("orders");
		assertThat(keys).hasSize(1);
		assertThat(client.leases().timeToLive(keys.get(0).lease(), false).orElseThrow().granted())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(lock.fencingToken()).isEqualTo(keys.get(0).createRevision());
		assertThat(lock.isHeld()).isTrue();
		lock.unlock();
		assertThat(keysUnder("orders")).isEmpty();
		assertThat(lock.isAcquiredInThisProcess()).isFalse();
	}

	@Test
	void lockWhenHeldByTheSameThreadShouldBeReentrantWithOneKey() throws Exception {
		DistributedLock lock = this.registry.obtain("reentrant");
		lock.lock();
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.tryLock(Duration.ofSeconds(1), SHORT_TTL)).as("reentrant, the TTL is not applied").isTrue();
		assertThat(keysUnder("reentrant")).hasSize(1);
		lock.unlock();
		lock.unlock();
		assertThat(keysUnder("reentrant")).hasSize(1);
		lock.unlock();
		assertThat(keysUnder("reentrant")).isEmpty();
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock)
			.withMessage("The current thread does not hold etcd lock '" + this.prefix + "reentrant'");
	}

	@Test
	void tryLockWhenAnotherThreadHoldsTheLockShouldTimeOut() throws Exception {
		DistributedLock lock = this.registry.obtain("busy");
		lock.lock();
		CompletableFuture<Long> attempt = inThread(() -> {
			long started = System.nanoTime();
			boolean acquired = lock.tryLock(300, TimeUnit.MILLISECONDS);
			return acquired ? -1 : System.nanoTime() - started;
		});
		assertThat(Duration.ofNanos(attempt.get(10, TimeUnit.SECONDS))).isBetween(Duration.ofMillis(300),
				Duration.ofSeconds(3));
		CompletableFuture<Void> unlocking = inThread(() -> {
			lock.unlock();
			return null;
		});
		assertThat(unlocking).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(IllegalMonitorStateException.class);
		lock.unlock();
	}

	@Test
	void twoRegistriesShouldExcludeEachOther() throws Exception {
		DistributedLock mine = this.registry.obtain("shared");
		DistributedLock theirs = this.otherRegistry.obtain("shared");
		mine.lock();
		assertThat(theirs.tryLock()).isFalse();
		long started = System.nanoTime();
		assertThat(theirs.tryLock(500, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(keysUnder("shared")).as("a failed attempt leaves no key").hasSize(1);
		CompletableFuture<Boolean> waiting = inThread(() -> {
			theirs.lock();
			theirs.unlock();
			return true;
		});
		await().atMost(TIMEOUT).until(() -> keysUnder("shared").size() == 2);
		assertThat(waiting).isNotDone();
		mine.unlock();
		assertThat(waiting).succeedsWithin(TIMEOUT).isEqualTo(true);
	}

	@Test
	void lockWithTtlWhenNotRenewedShouldExpireSoThatAnotherRegistryAcquiresAndUnlockShouldSayItWasLost() {
		EtcdDistributedLock lock = this.registry.obtain("expiring");
		lock.lock(SHORT_TTL);
		long acquiredAt = System.nanoTime();
		long lease = keysUnder("expiring").get(0).lease();
		assertThat(client.leases().timeToLive(lease, false).orElseThrow().granted()).isEqualTo(SHORT_TTL);
		DistributedLock theirs = this.otherRegistry.obtain("expiring");
		// polled on this thread: the lock is this thread's once acquired
		await().pollInSameThread().atMost(SHORT_TTL.plusSeconds(5)).until(theirs::tryLock);
		assertThat(Duration.ofNanos(System.nanoTime() - acquiredAt)).as("not before the TTL")
			.isGreaterThanOrEqualTo(SHORT_TTL);
		assertThat(lock.isHeld()).isFalse();
		assertThatExceptionOfType(ConcurrentModificationException.class).isThrownBy(lock::unlock)
			.withMessageContaining("was lost before it was released");
		assertThat(lock.isAcquiredInThisProcess()).isFalse();
		theirs.unlock();
	}

	@Test
	void renewLockShouldKeepALockWithTtlPastItsTtl() throws Exception {
		DistributedLock lock = this.registry.obtain("renewed");
		assertThat(lock.tryLock(Duration.ofSeconds(5), SHORT_TTL)).isTrue();
		long started = System.nanoTime();
		// renewed on this thread, which holds the lock
		await().pollInSameThread().pollInterval(Duration.ofMillis(400)).atMost(TIMEOUT).until(() -> {
			this.registry.renewLock("renewed");
			return System.nanoTime() - started > SHORT_TTL.multipliedBy(2).toNanos();
		});
		assertThat(this.otherRegistry.obtain("renewed").tryLock()).isFalse();
		lock.unlock();
		assertThat(keysUnder("renewed")).isEmpty();
	}

	@Test
	void renewLockWithAnotherTtlShouldMoveTheLockOntoALeaseOfThatTtl() {
		EtcdDistributedLock lock = this.registry.obtain("longer");
		lock.lock(SHORT_TTL);
		long token = lock.fencingToken();
		this.registry.renewLock("longer", Duration.ofSeconds(30));
		KeyValue key = keysUnder("longer").get(0);
		assertThat(key.createRevision()).isEqualTo(token);
		assertThat(client.leases().timeToLive(key.lease(), false).orElseThrow().granted())
			.isEqualTo(Duration.ofSeconds(30));
		// past the first TTL, still held
		await().pollInSameThread()
			.during(SHORT_TTL.plusMillis(500))
			.atMost(SHORT_TTL.plusSeconds(2))
			.until(lock::isHeld);
		lock.unlock();
		assertThat(keysUnder("longer")).isEmpty();
	}

	@Test
	void renewLockWhenNotHeldByTheCallingThreadShouldThrow() {
		assertThatExceptionOfType(IllegalMonitorStateException.class)
			.isThrownBy(() -> this.registry.renewLock("not-held"));
		DistributedLock lock = this.registry.obtain("session-held");
		lock.lock();
		// kept by the registry's session: nothing to renew, still held
		this.registry.renewLock("session-held", Duration.ofSeconds(5));
		assertThat(keysUnder("session-held")).hasSize(1);
		lock.unlock();
	}

	@Test
	void lockWhenTheRegistrySessionIsLostShouldBeLostAndTheNextLockShouldUseANewSession() {
		EtcdDistributedLock lock = this.registry.obtain("session-lost");
		lock.lock();
		long lease = keysUnder("session-lost").get(0).lease();
		assertThat(etcd.etcdctl("lease", "revoke", Long.toHexString(lease)).isSuccess()).isTrue();
		await().pollInSameThread().atMost(TIMEOUT).until(() -> !lock.isHeld());
		assertThatExceptionOfType(ConcurrentModificationException.class).isThrownBy(lock::unlock);
		lock.lock();
		assertThat(keysUnder("session-lost").get(0).lease()).isNotEqualTo(lease);
		lock.unlock();
	}

	@Test
	void expireUnusedOlderThanShouldForgetOnlyLocksNobodyHolds() {
		EtcdDistributedLock unused = this.registry.obtain("unused");
		unused.lock();
		unused.unlock();
		EtcdDistributedLock held = this.registry.obtain("held");
		held.lock();
		this.registry.expireUnusedOlderThan(0);
		assertThat(this.registry.obtain("held")).isSameAs(held);
		EtcdDistributedLock fresh = this.registry.obtain("unused");
		assertThat(fresh).isNotSameAs(unused);
		assertThatIllegalStateException().isThrownBy(unused::tryLock)
			.withMessageContaining("was expired from " + this.registry);
		assertThat(unused.isAcquiredInThisProcess()).isFalse();
		assertThat(fresh.tryLock()).isTrue();
		fresh.unlock();
		held.unlock();
		this.registry.expireUnusedOlderThan(TimeUnit.HOURS.toMillis(1));
		assertThat(this.registry.obtain("held")).as("used within the hour").isSameAs(held);
	}

	@Test
	void executeLockedShouldRunTheTaskUnderTheLock() throws Exception {
		String result = this.registry.executeLocked("task", () -> {
			assertThat(keysUnder("task")).hasSize(1);
			assertThat(this.otherRegistry.obtain("task").tryLock()).isFalse();
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(keysUnder("task")).isEmpty();
	}

	@Test
	void closeShouldFreeTheLocksTheRegistryHolds() {
		this.registry.obtain("closing").lock();
		this.registry.obtain("closing-ttl").lock(Duration.ofSeconds(30));
		this.registry.close();
		assertThat(keysUnder("closing")).isEmpty();
		assertThat(keysUnder("closing-ttl")).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> this.registry.obtain("closing"))
			.withMessage(this.registry + " is closed");
	}

	private List<KeyValue> keysUnder(String key) {
		byte[] prefix = (this.prefix + key + "/").getBytes(StandardCharsets.UTF_8);
		return client.kv().range(RangeQuery.prefix(prefix)).kvs();
	}

	static <T> CompletableFuture<T> inThread(java.util.concurrent.Callable<T> attempt) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(attempt.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "lock-registry-test-attempt");
		thread.setDaemon(true);
		thread.start();
		return result;
	}

}
