package dev.etcdspring.client.concurrency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.etcdspring.client.kv.Compare;
import org.jspecify.annotations.Nullable;

/**
 * A lock held in etcd, in the layout of {@code etcdctl lock}, etcd's lock service and
 * Go's {@code concurrency.Mutex}: holding it here excludes {@code etcdctl lock NAME} and
 * the other way round. Obtained from {@link EtcdSession#lock(String)}.
 * <p>
 * Each session has one key, {@code NAME/<lease id in hex>}, attached to its lease; keys
 * are served in the order they were created. Within this process the lock is reentrant
 * like {@link ReentrantLock}: the thread that holds it may acquire it again, and must
 * release it as many times ({@link #getHoldCount()}); other threads of the process wait
 * for it locally, so that only one of them at a time queues in etcd.
 * <p>
 * A lock can be <em>lost</em> without being released: when its session is lost (its lease
 * could not be renewed) or its key is deleted by someone else. {@link #isHeld()} then
 * turns {@code false} and {@link #onLost(Consumer) listeners} are told. Work that must
 * not happen after a loss is guarded with a {@link #fencingToken() fencing token}, or
 * done in a transaction guarded by {@link #ownerCondition()}, which etcd refuses once the
 * lock is lost.
 * <p>
 * {@link EtcdSession#renew(java.time.Duration)} may move the key onto another lease; it
 * keeps its name, so {@link #key()} names the lease the session had when the lock was
 * created.
 * <p>
 * Waits are bounded by the time the caller gives and use watches, never polling; a single
 * request to etcd on the way may take up to the client's request timeout.
 *
 * @since 0.1.0
 */
public final class EtcdLock implements Lock {

	private static final byte[] EMPTY = new byte[0];

	private final EtcdSession session;

	private final String name;

	private final Candidacy candidacy;

	private final ReentrantLock local = new ReentrantLock();

	private final Ownership<EtcdLock> ownership;

	/** Dropped from its session: never acquired again. */
	private volatile boolean discarded;

	EtcdLock(EtcdSession session, String name) {
		this.session = session;
		this.name = name;
		this.candidacy = new Candidacy(session, "lock '" + name + "'", name, this::keyDeleted);
		this.ownership = new Ownership<>(this, session, "etcd lock '" + name + "'", () -> {
		});
	}

	/**
	 * Acquire the lock, waiting as long as it takes. An interruption does not end the
	 * wait; it is kept for the caller to see.
	 * @throws EtcdSessionLostException when the session has ended
	 * @throws dev.etcdspring.client.exception.EtcdException when etcd cannot be reached
	 * @since 0.1.0
	 */
	@Override
	public void lock() {
		this.local.lock();
		acquireOrUnlock(Deadline.none());
	}

	/**
	 * Acquire the lock unless the thread is interrupted; an interrupted wait leaves no
	 * key in etcd.
	 * @throws InterruptedException when interrupted before or while waiting
	 * @throws EtcdSessionLostException when the session has ended
	 * @since 0.1.0
	 */
	@Override
	public void lockInterruptibly() throws InterruptedException {
		this.local.lockInterruptibly();
		acquireOrUnlock(Deadline.none(), true);
	}

	/**
	 * Acquire the lock if no other session or thread holds it or waits for it now,
	 * without waiting. A failed attempt leaves no key in etcd.
	 * @return whether the lock was acquired
	 * @throws EtcdSessionLostException when the session has ended
	 * @since 0.1.0
	 */
	@Override
	public boolean tryLock() {
		return this.local.tryLock() && acquireOrUnlock(null);
	}

	/**
	 * Acquire the lock, waiting at most the given time. A wait that times out or is
	 * interrupted deletes this session's key, so it never leaves a waiter behind.
	 * @param time the longest time to wait
	 * @param unit the unit of {@code time}
	 * @return whether the lock was acquired
	 * @throws InterruptedException when interrupted before or while waiting
	 * @throws EtcdSessionLostException when the session has ended
	 * @since 0.1.0
	 */
	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		Deadline deadline = Deadline.after(time, unit);
		return this.local.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)
				&& acquireOrUnlock(deadline, true);
	}

	/**
	 * Release one hold of the lock; the last one deletes this session's key, which hands
	 * the lock to the next waiter. After a loss, only the local hold is released.
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @throws dev.etcdspring.client.exception.EtcdException when the key could not be
	 * deleted: the lock is released here, and its key goes when this session next
	 * releases the lock, or ends
	 * @since 0.1.0
	 */
	@Override
	public void unlock() {
		requireHeldByCurrentThread();
		try {
			if (this.local.getHoldCount() == 1) {
				if (this.ownership.release()) {
					this.candidacy.leave();
				}
				else {
					// lost: the key is gone, or goes with the lease
					this.candidacy.forget();
				}
			}
		}
		finally {
			this.local.unlock();
		}
	}

	/**
	 * Not supported: etcd cannot wake a waiter on a holder's behalf.
	 * @return never
	 * @throws UnsupportedOperationException always
	 * @since 0.1.0
	 */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("EtcdLock does not support conditions: etcd has no way to signal a "
				+ "waiter on behalf of a lock holder; watch a key for the change you wait for instead");
	}

	/**
	 * Whether this session holds the lock in etcd, as far as it knows: acquired, not
	 * released, and not lost.
	 * @return whether the lock is held by a thread of this session
	 * @since 0.1.0
	 */
	public boolean isHeld() {
		return this.ownership.isHeld();
	}

	/**
	 * Whether the calling thread holds the lock locally (it may have been lost in etcd
	 * since: see {@link #isHeld()}).
	 * @return whether the current thread holds the lock
	 * @since 0.1.0
	 */
	public boolean isHeldByCurrentThread() {
		return this.local.isHeldByCurrentThread();
	}

	/**
	 * Return how many times the calling thread holds the lock without releasing it.
	 * @return the hold count, 0 when the thread does not hold the lock
	 * @since 0.1.0
	 */
	public int getHoldCount() {
		return this.local.getHoldCount();
	}

	/**
	 * Return the fencing token of the current hold: the create revision of this session's
	 * key. A later holder always has a greater one, so a resource that remembers the
	 * greatest token it saw can refuse a holder that lost the lock unknowingly.
	 * @return the token
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @since 0.1.0
	 */
	public long fencingToken() {
		requireHeldByCurrentThread();
		return this.ownership.revision();
	}

	/**
	 * Return the condition "this session still holds this lock" (its key exists with the
	 * create revision of the current hold, as Go's {@code Mutex.IsOwner()}), to guard a
	 * transaction: {@code Txn.when(lock.ownerCondition()).then(...)}. etcd refuses such a
	 * transaction once the lock is lost, even before this process notices.
	 * @return the condition
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @since 0.1.0
	 */
	public Compare ownerCondition() {
		requireHeldByCurrentThread();
		return this.candidacy.ownerCondition(this.ownership.revision());
	}

	/**
	 * Be told when the lock is lost while held: its session ended, or its key was deleted
	 * by someone else. {@link #isHeld()} is {@code false} by then. Not told of releases.
	 * Runs on a client thread: keep it short.
	 * @param listener told with this lock
	 * @return the registration, to remove the listener
	 * @since 0.1.0
	 */
	public EtcdSubscription onLost(Consumer<EtcdLock> listener) {
		return this.ownership.onLost(listener);
	}

	/**
	 * Return the lock's name, the prefix of its keys without the trailing {@code /}.
	 * @return the name
	 * @since 0.1.0
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return this session's key for the lock: {@code NAME/<lease id in hex>}.
	 * @return the key
	 * @since 0.1.0
	 */
	public String key() {
		return this.candidacy.keyAsString();
	}

	void sessionEnded(String reason) {
		this.ownership.sessionEnded(this.candidacy, reason);
	}

	void stopWatching() {
		this.candidacy.deletions().close();
	}

	/** The session moved to another lease: so does our key. */
	void leaseChanged(long leaseId) {
		this.ownership.leaseChanged(this.candidacy, leaseId);
	}

	/**
	 * Mark the lock dropped from its session, unless a thread holds it or waits for it.
	 * @return whether it was dropped
	 */
	boolean discard() {
		if (!this.local.tryLock()) {
			return false;
		}
		try {
			if (this.local.getHoldCount() > 1 || this.local.hasQueuedThreads()) {
				return false;
			}
			this.discarded = true;
			return true;
		}
		finally {
			this.local.unlock();
		}
	}

	/** Like {@link #acquireOrUnlock(Deadline, boolean)}, not interruptible. */
	private boolean acquireOrUnlock(@Nullable Deadline deadline) {
		try {
			return acquireOrUnlock(deadline, false);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("Uninterruptible wait for " + this + " was interrupted", ex);
		}
	}

	/**
	 * With the local lock just taken: acquire in etcd, unless this thread holds the lock
	 * already (hold counts above one only count); when that fails, release the local lock
	 * too. {@code deadline} null: do not wait.
	 */
	private boolean acquireOrUnlock(@Nullable Deadline deadline, boolean interruptible) throws InterruptedException {
		boolean acquired = false;
		try {
			acquired = this.local.getHoldCount() > 1 || acquire(deadline, interruptible);
			return acquired;
		}
		finally {
			if (!acquired) {
				this.local.unlock();
			}
		}
	}

	/** Queue in etcd: put our key, and wait until it is first. */
	private boolean acquire(@Nullable Deadline deadline, boolean interruptible) throws InterruptedException {
		if (this.discarded) {
			throw new IllegalStateException("etcd lock '" + this.name + "' was discarded from its session: "
					+ "get a new one with EtcdSession.lock(name)");
		}
		this.session.requireAlive();
		boolean acquired = false;
		try {
			if (this.candidacy.join(EMPTY).first()) {
				acquired = true;
			}
			else if (deadline != null) {
				acquired = interruptible ? this.candidacy.awaitFirst(deadline)
						: this.candidacy.awaitFirstUninterruptibly();
			}
		}
		finally {
			if (!acquired) {
				this.candidacy.abandon();
			}
		}
		if (acquired) {
			this.ownership.acquired(this.candidacy.createRevision());
		}
		return acquired;
	}

	private void keyDeleted(byte[] key, long revision) {
		this.ownership.keyDeleted(this.candidacy.key(), key, revision);
	}

	private void requireHeldByCurrentThread() {
		if (!this.local.isHeldByCurrentThread()) {
			throw new IllegalMonitorStateException(
					"etcd lock '" + this.name + "' is not held by thread '" + Thread.currentThread().getName() + "'");
		}
	}

	@Override
	public String toString() {
		return "EtcdLock[" + this.name + ", key=" + key() + ", " + (isHeld() ? "held" : "not held") + "]";
	}

}
