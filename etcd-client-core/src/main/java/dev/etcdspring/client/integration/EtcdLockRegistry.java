package dev.etcdspring.client.integration;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.concurrency.EtcdSession;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.integration.support.locks.RenewableLockRegistry;

/**
 * A Spring Integration lock registry on etcd: each key is an etcd lock named
 * {@code prefix + key}, in the layout of {@code etcdctl lock}, so that
 * {@code etcdctl lock /locks/orders} and {@code registry.obtain("orders")} exclude each
 * other. Locks are reentrant per thread, and threads of one registry wait for each other
 * locally, so that only one of them at a time queues in etcd.
 * <p>
 * <b>How long a lock lives</b> is a matter of leases in etcd, which delete the keys
 * attached to them when they expire:
 * <ul>
 * <li>{@code lock()}, {@code lockInterruptibly()} and {@code tryLock(...)} attach the
 * lock to the registry's own {@link EtcdSession}, a lease of the registry's TTL that the
 * registry keeps alive: a lock is held for as long as the process holding it lives and
 * reaches etcd, however long that is, and is freed within the TTL after the process dies
 * or is cut off. Such a lock needs no renewal.</li>
 * <li>{@code lock(Duration ttl)} and {@code tryLock(Duration waitTime, Duration ttl)}
 * give the lock a lease of its own with that TTL, kept alive while the caller waits in
 * the queue and <em>not</em> once it is acquired: the lock expires {@code ttl} after it
 * was acquired or last renewed with {@link #renewLock(Object)} (the same TTL) or
 * {@link #renewLock(Object, Duration)} (a new one), as with Spring Integration's Redis
 * and JDBC registries. This bounds how long a holder that is alive but stuck can keep
 * others out.</li>
 * </ul>
 * A lock is <em>lost</em> when its lease ends before it is released: its TTL passed
 * without renewal, or the registry's session could not be renewed (etcd unreachable for
 * two thirds of the TTL). Its {@code unlock()} then throws a
 * {@link java.util.ConcurrentModificationException}, as Spring Integration's other
 * registries do: the data the lock protected may have been changed by another holder.
 * {@link EtcdDistributedLock#ownerCondition()} guards a write so that etcd refuses it
 * once the lock is lost, even before this process notices.
 * <p>
 * Creating the registry does not talk to etcd; its session is created on the first lock
 * and again after it was lost. Close the registry (Spring does, as it is
 * {@link AutoCloseable}) to revoke its session and free the locks it holds.
 *
 * @since 0.1.0
 */
public final class EtcdLockRegistry
		implements ExpirableLockRegistry<DistributedLock>, RenewableLockRegistry<DistributedLock>, AutoCloseable {

	/**
	 * The prefix of lock names when none is given.
	 * @since 0.1.0
	 */
	public static final String DEFAULT_PREFIX = "/locks/";

	/**
	 * The TTL of the registry's session when none is given: long enough for a renewal to
	 * ride out a frozen member with the client's default 10 s request timeout.
	 * @since 0.1.0
	 */
	public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

	private final EtcdClient client;

	private final String prefix;

	private final Duration ttl;

	private final Map<String, EtcdDistributedLock> locks = new LinkedHashMap<>();

	private final Object monitor = new Object();

	/** Apart from {@link #monitor}: a grant in flight must not hold up obtain(). */
	private final Object sessionMonitor = new Object();

	private volatile @Nullable EtcdSession session;

	private volatile boolean closed;

	/**
	 * Create a registry with locks under {@value #DEFAULT_PREFIX} and a session TTL of 15
	 * s.
	 * @param client the client to talk to etcd with
	 * @since 0.1.0
	 */
	public EtcdLockRegistry(EtcdClient client) {
		this(client, DEFAULT_PREFIX, DEFAULT_TTL);
	}

	/**
	 * Create a registry.
	 * @param client the client to talk to etcd with
	 * @param prefix what goes in front of every key to make the lock's name, such as
	 * {@code /locks/}; may be empty
	 * @param ttl the TTL of the registry's session: how long after this process dies or
	 * loses etcd its locks are freed. See {@link EtcdSession} for the TTL a frozen member
	 * needs.
	 * @since 0.1.0
	 */
	public EtcdLockRegistry(EtcdClient client, String prefix, Duration ttl) {
		if (client == null) {
			throw new IllegalArgumentException("EtcdClient must not be null");
		}
		if (prefix == null) {
			throw new IllegalArgumentException("Lock prefix must not be null");
		}
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("Lock registry TTL must be positive, was " + ttl);
		}
		this.client = client;
		this.prefix = prefix;
		this.ttl = ttl;
	}

	/**
	 * Return the lock of the given key; the same key returns the same lock until it is
	 * expired with {@link #expireUnusedOlderThan(long)}.
	 * @param lockKey the key, a non-empty {@code String}
	 * @return the lock, named {@code prefix + key} in etcd
	 * @throws IllegalArgumentException when the key is not a non-empty {@code String}
	 * @throws IllegalStateException when the registry is closed
	 */
	@Override
	public EtcdDistributedLock obtain(Object lockKey) {
		if (!(lockKey instanceof String key) || key.isEmpty()) {
			throw new IllegalArgumentException("Lock key must be a non-empty String, was " + lockKey);
		}
		synchronized (this.monitor) {
			requireOpen();
			return this.locks.computeIfAbsent(key, (created) -> new EtcdDistributedLock(this, created));
		}
	}

	/**
	 * Forget the locks obtained or last acquired at least {@code age} milliseconds ago
	 * that no thread holds or waits for, here and in the registry's session. A forgotten
	 * lock refuses to be acquired ({@link IllegalStateException});
	 * {@link #obtain(Object)} returns a new one.
	 * @param age the age in milliseconds
	 */
	@Override
	public void expireUnusedOlderThan(long age) {
		long now = System.currentTimeMillis();
		synchronized (this.monitor) {
			Iterator<EtcdDistributedLock> iterator = this.locks.values().iterator();
			while (iterator.hasNext()) {
				EtcdDistributedLock lock = iterator.next();
				if (now - lock.lastUsed() >= age && lock.evict()) {
					iterator.remove();
					EtcdSession current = this.session;
					if (current != null) {
						current.discardLock(lock.name());
					}
				}
			}
		}
	}

	/**
	 * Renew the lock of the given key, held by the calling thread, for its own TTL. A
	 * lock held with the registry's session is renewed by the session: this only checks
	 * that it is still held.
	 * @param lockKey the key
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @throws IllegalStateException when the lock was lost
	 */
	@Override
	public void renewLock(Object lockKey) {
		obtain(lockKey).renew(null);
	}

	/**
	 * Renew the lock of the given key, held by the calling thread, for another TTL from
	 * now: etcd fixes a lease's TTL when it grants it, so the lock's key moves onto a new
	 * lease of that TTL (see {@link EtcdSession#renew(Duration)}). A lock held with the
	 * registry's session is renewed by the session: this only checks that it is still
	 * held.
	 * @param lockKey the key
	 * @param ttl the new TTL, whole seconds
	 * @throws IllegalMonitorStateException when the calling thread does not hold the lock
	 * @throws IllegalStateException when the lock was lost
	 */
	@Override
	public void renewLock(Object lockKey, Duration ttl) {
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("Lock TTL must be positive, was " + ttl);
		}
		obtain(lockKey).renew(ttl);
	}

	/**
	 * Return what goes in front of every key.
	 * @return the prefix
	 * @since 0.1.0
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Return the TTL of the registry's session.
	 * @return the TTL
	 * @since 0.1.0
	 */
	public Duration getTtl() {
		return this.ttl;
	}

	/**
	 * Close the registry: its session is closed and the leases of locks with a TTL of
	 * their own are revoked, so that etcd frees every lock it holds at once. Locks held
	 * still have to be unlocked by their threads, which then learn that they were lost.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.locks.values().forEach(EtcdDistributedLock::closeOwnLease);
		}
		EtcdSession closing;
		synchronized (this.sessionMonitor) {
			closing = this.session;
			this.session = null;
		}
		if (closing != null) {
			closing.close();
		}
	}

	EtcdClient client() {
		return this.client;
	}

	/** The registry's session, created on first use and again once lost. */
	EtcdSession session() {
		EtcdSession ended = null;
		try {
			synchronized (this.sessionMonitor) {
				requireOpen();
				EtcdSession current = this.session;
				if (current != null && current.isAlive()) {
					return current;
				}
				ended = current;
				// a grant, one request: under the monitor so that threads share one
				// session
				current = EtcdSession.create(this.client, this.ttl);
				this.session = current;
				return current;
			}
		}
		finally {
			if (ended != null) {
				// lost: closing only stops its threads
				ended.close();
			}
		}
	}

	private void requireOpen() {
		if (this.closed) {
			throw new IllegalStateException(this + " is closed");
		}
	}

	@Override
	public String toString() {
		return "EtcdLockRegistry[prefix=" + this.prefix + ", ttl=" + this.ttl.toSeconds() + "s]";
	}

}
