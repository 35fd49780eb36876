package dev.etcdspring.client.integration;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.concurrency.EtcdSessionLostException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.Compare;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.integration.support.locks.DistributedLock;

/**
 * A lock of an {@link EtcdLockRegistry}: an {@link EtcdLock} named {@code prefix + key},
 * held with the registry's session or, when acquired with a TTL, with a lease of its own.
 * See {@link EtcdLockRegistry} for how long each lives.
 * <p>
 * Failures to reach etcd while acquiring are {@link CannotAcquireLockException}s, and
 * while releasing {@link DataAccessResourceFailureException}s, as in Spring Integration's
 * JDBC registry.
 *
 * @since 0.1.0
 */
public final class EtcdDistributedLock implements DistributedLock {

	private final EtcdLockRegistry registry;

	private final String key;

	private final String name;

	private final ReentrantLock local = new ReentrantLock();

	/** The etcd lock of the current hold, set and cleared by the holding thread. */
	private volatile @Nullable EtcdLock held;

	/** The lease of the current hold when it has a TTL of its own. */
	private volatile @Nullable EtcdSession ownLease;

	private volatile long lastUsed = System.currentTimeMillis();

	private volatile boolean evicted;

	EtcdDistributedLock(EtcdLockRegistry registry, String key) {
		this.registry = registry;
		this.key = key;
		this.name = registry.getPrefix() + key;
	}

	/**
	 * Acquire the lock with the registry's session, waiting as long as it takes; an
	 * interruption does not end the wait.
	 * @throws CannotAcquireLockException when etcd cannot be reached
	 */
	@Override
	public void lock() {
		this.local.lock();
		acquireOrUnlock(null, Wait.UNINTERRUPTIBLY, 0);
	}

	/**
	 * Acquire the lock with a lease of its own that expires {@code ttl} after the
	 * acquisition unless renewed, waiting as long as it takes.
	 * @param ttl the lock's TTL, whole seconds
	 * @throws CannotAcquireLockException when etcd cannot be reached
	 */
	@Override
	public void lock(Duration ttl) {
		requireTtl(ttl);
		this.local.lock();
		acquireOrUnlock(ttl, Wait.UNINTERRUPTIBLY, 0);
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		this.local.lockInterruptibly();
		acquireInterruptiblyOrUnlock(null, Wait.INTERRUPTIBLY, 0);
	}

	/**
	 * Acquire the lock with the registry's session if nobody holds it or waits for it
	 * now.
	 * @return whether the lock was acquired
	 */
	@Override
	public boolean tryLock() {
		return this.local.tryLock() && acquireOrUnlock(null, Wait.NOT_AT_ALL, 0);
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + Math.max(0, unit.toNanos(time));
		return this.local.tryLock(time, unit) && acquireInterruptiblyOrUnlock(null, Wait.UNTIL, deadline);
	}

	/**
	 * Acquire the lock with a lease of its own that expires {@code ttl} after the
	 * acquisition unless renewed, waiting at most {@code waitTime}.
	 * @param waitTime the longest time to wait
	 * @param ttl the lock's TTL, whole seconds
	 * @return whether the lock was acquired
	 */
	@Override
	public boolean tryLock(Duration waitTime, Duration ttl) throws InterruptedException {
		requireTtl(ttl);
		long deadline = System.nanoTime() + Math.max(0, waitTime.toNanos());
		return this.local.tryLock(waitTime.toNanos(), TimeUnit.NANOSECONDS)
				&& acquireInterruptiblyOrUnlock(ttl, Wait.UNTIL, deadline);
	}

	/**
	 * Release one hold; the last one frees the lock in etcd.
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @throws ConcurrentModificationException when the lock was lost before this release:
	 * its TTL passed without renewal, or its session or key ended
	 * @throws DataAccessResourceFailureException when etcd could not be told; the key
	 * goes with its lease
	 */
	@Override
	public void unlock() {
		requireHeldByCurrentThread();
		if (this.local.getHoldCount() > 1) {
			this.local.unlock();
			return;
		}
		EtcdLock lock = this.held;
		EtcdSession lease = this.ownLease;
		this.held = null;
		this.ownLease = null;
		try {
			boolean wasHeld = lock != null && lock.isHeld();
			if (lease != null) {
				// revoking the lease deletes the key: one request, and the lock's
				// unlock below only releases its local hold
				lease.close();
			}
			if (lock != null) {
				lock.unlock();
			}
			if (!wasHeld) {
				throw new ConcurrentModificationException("etcd lock '" + this.name + "' was lost before it was "
						+ "released (its lease ended): the integrity of data protected by this lock may have been "
						+ "compromised");
			}
		}
		catch (EtcdException ex) {
			throw new DataAccessResourceFailureException("Failed to release etcd lock '" + this.name + "'", ex);
		}
		finally {
			this.local.unlock();
		}
	}

	/**
	 * Not supported: etcd cannot wake a waiter on a holder's behalf.
	 * @return never
	 */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("Conditions are not supported by etcd locks");
	}

	/**
	 * Whether a thread of this process holds the lock, lost in etcd or not.
	 * @return whether the lock is acquired here
	 * @since 0.1.0
	 */
	public boolean isAcquiredInThisProcess() {
		return this.local.isLocked();
	}

	/**
	 * Whether the calling thread holds the lock and etcd still has it, as far as this
	 * process knows.
	 * @return whether the lock is held by this thread and not lost
	 * @since 0.1.0
	 */
	public boolean isHeld() {
		EtcdLock lock = this.held;
		return this.local.isHeldByCurrentThread() && lock != null && lock.isHeld();
	}

	/**
	 * Return the fencing token of the current hold (see {@link EtcdLock#fencingToken()}).
	 * @return the token
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @since 0.1.0
	 */
	public long fencingToken() {
		return heldLock().fencingToken();
	}

	/**
	 * Return the condition that the current hold is still the lock's in etcd, to guard a
	 * transaction (see {@link EtcdLock#ownerCondition()}).
	 * @return the condition
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @since 0.1.0
	 */
	public Compare ownerCondition() {
		return heldLock().ownerCondition();
	}

	/**
	 * Return the key the lock was obtained with.
	 * @return the key
	 * @since 0.1.0
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Return the lock's name in etcd, {@code prefix + key}, as {@code etcdctl lock} takes
	 * it.
	 * @return the name
	 * @since 0.1.0
	 */
	public String name() {
		return this.name;
	}

	long lastUsed() {
		return this.lastUsed;
	}

	/** Mark the lock expired unless it is held or waited for. */
	boolean evict() {
		if (!this.local.tryLock()) {
			return false;
		}
		try {
			if (this.local.getHoldCount() > 1 || this.local.hasQueuedThreads()) {
				return false;
			}
			this.evicted = true;
			return true;
		}
		finally {
			this.local.unlock();
		}
	}

	void renew(@Nullable Duration ttl) {
		EtcdLock lock = heldLock();
		if (!lock.isHeld()) {
			throw new IllegalStateException("Could not renew etcd lock '" + this.name + "': it was lost");
		}
		EtcdSession lease = this.ownLease;
		if (lease == null) {
			// the registry's session keeps it
			return;
		}
		try {
			if (ttl != null) {
				lease.renew(ttl);
			}
			else {
				lease.renew();
			}
		}
		catch (EtcdSessionLostException ex) {
			throw new IllegalStateException("Could not renew etcd lock '" + this.name + "': it was lost", ex);
		}
		catch (EtcdException ex) {
			throw new DataAccessResourceFailureException("Failed to renew etcd lock '" + this.name + "'", ex);
		}
	}

	/** The registry closes: free a hold with a lease of its own now. */
	void closeOwnLease() {
		EtcdSession lease = this.ownLease;
		if (lease != null) {
			lease.close();
		}
	}

	private boolean acquireOrUnlock(@Nullable Duration ttl, Wait wait, long deadline) {
		try {
			return acquireInterruptiblyOrUnlock(ttl, wait, deadline);
		}
		catch (InterruptedException ex) {
			// not thrown for the waits that go on when interrupted
			Thread.currentThread().interrupt();
			throw new CannotAcquireLockException("Interrupted while locking etcd lock '" + this.name + "'", ex);
		}
	}

	/**
	 * With the local lock just taken: acquire in etcd unless this thread holds the lock
	 * already; when that fails, release the local lock too.
	 */
	private boolean acquireInterruptiblyOrUnlock(@Nullable Duration ttl, Wait wait, long deadline)
			throws InterruptedException {
		boolean acquired = false;
		try {
			if (this.local.getHoldCount() > 1) {
				acquired = true;
				return true;
			}
			if (this.evicted) {
				throw new IllegalStateException(
						"etcd lock '" + this.key + "' was expired from " + this.registry + ": obtain a fresh one");
			}
			acquired = (ttl != null) ? acquireWithOwnLease(ttl, wait, deadline) : acquireWithSession(wait, deadline);
			if (acquired) {
				this.lastUsed = System.currentTimeMillis();
			}
			return acquired;
		}
		catch (EtcdException ex) {
			throw new CannotAcquireLockException("Failed to lock etcd lock '" + this.name + "'", ex);
		}
		finally {
			if (!acquired) {
				this.local.unlock();
			}
		}
	}

	private boolean acquireWithSession(Wait wait, long deadline) throws InterruptedException {
		while (true) {
			EtcdSession session = this.registry.session();
			try {
				EtcdLock lock = session.lock(this.name);
				if (wait.acquire(lock, deadline)) {
					this.held = lock;
					return true;
				}
				return false;
			}
			catch (EtcdSessionLostException ex) {
				// lost while we waited: queue again with the next session, if time is
				// left
				if (wait == Wait.NOT_AT_ALL || (wait == Wait.UNTIL && deadline - System.nanoTime() <= 0)) {
					throw ex;
				}
			}
		}
	}

	private boolean acquireWithOwnLease(Duration ttl, Wait wait, long deadline) throws InterruptedException {
		// kept alive while we wait: the TTL counts from the acquisition
		EtcdSession lease = EtcdSession.create(this.registry.client(), ttl);
		boolean acquired = false;
		try {
			EtcdLock lock = lease.lock(this.name);
			acquired = wait.acquire(lock, deadline);
			if (acquired) {
				lease.stopKeepAlive();
				lease.renew();
				this.held = lock;
				this.ownLease = lease;
			}
			return acquired;
		}
		finally {
			if (!acquired) {
				lease.close();
			}
		}
	}

	private EtcdLock heldLock() {
		requireHeldByCurrentThread();
		EtcdLock lock = this.held;
		if (lock == null) {
			throw new IllegalMonitorStateException("etcd lock '" + this.name + "' is not held");
		}
		return lock;
	}

	private void requireHeldByCurrentThread() {
		if (!this.local.isHeldByCurrentThread()) {
			throw new IllegalMonitorStateException("The current thread does not hold etcd lock '" + this.name + "'");
		}
	}

	private static void requireTtl(Duration ttl) {
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("Lock TTL must be positive, was " + ttl);
		}
	}

	@Override
	public String toString() {
		return "EtcdDistributedLock[" + this.name + ", " + (this.local.isLocked() ? "acquired here" : "not acquired")
				+ "]";
	}

	/** How long an acquisition waits in etcd. */
	private enum Wait {

		UNINTERRUPTIBLY, INTERRUPTIBLY, NOT_AT_ALL, UNTIL;

		boolean acquire(EtcdLock lock, long deadline) throws InterruptedException {
			return switch (this) {
				case UNINTERRUPTIBLY -> {
					lock.lock();
					yield true;
				}
				case INTERRUPTIBLY -> {
					lock.lockInterruptibly();
					yield true;
				}
				case NOT_AT_ALL -> lock.tryLock();
				case UNTIL -> lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			};
		}

	}

}
