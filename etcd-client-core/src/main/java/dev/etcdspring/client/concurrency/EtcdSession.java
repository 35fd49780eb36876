package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.lease.Lease;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A lease that this session keeps alive, and the locks and elections that hang on it, as
 * in Go's {@code concurrency.Session}: every lock or election key the session creates is
 * attached to its lease, so etcd deletes them all when the session ends, whether it is
 * closed, or its process dies and the lease expires. <pre class="code">
 * try (EtcdSession session = EtcdSession.create(client, Duration.ofSeconds(10))) {
 *     EtcdLock lock = session.lock("/locks/orders");
 *     EtcdElection election = session.election("/elections/scheduler");
 * }
 * </pre>
 * <p>
 * The lease is renewed every quarter of its TTL. The session counts as <em>lost</em> once
 * two thirds of the TTL have passed since the last renewal that succeeded was sent:
 * etcd's countdown started no earlier than that send, so the lease still exists on the
 * server for at least a third of the TTL more, and lock holders and leaders are told
 * {@link #onLost(Runnable) before} another session can take their place. A session found
 * lost stays lost: create a new one.
 * <p>
 * A renewal sent to a frozen member waits one attempt timeout of the client (half its
 * request timeout when it has several endpoints) before another member is asked. To ride
 * that out, the TTL must exceed 2.4 attempt timeouts (a quarter of the TTL until the
 * renewal, plus the attempt, within two thirds of it): with the default 10 s request
 * timeout, 15 s or more, or a shorter request timeout.
 * <p>
 * A session whose keys should outlive a live but stuck holder no longer than a TTL stops
 * its keep-alive ({@link #stopKeepAlive()}) and is {@link #renew() renewed} by hand, like
 * a lock with an expiry in Redis or a database: it counts as lost once a whole TTL has
 * passed since the last renewal was sent.
 *
 * @since 0.1.0
 */
public final class EtcdSession implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EtcdSession.class);

	private final EtcdClient client;

	/** Replaced only by {@link #renew(Duration)} with another TTL. */
	private volatile Lease lease;

	private final ScheduledThreadPoolExecutor scheduler;

	private volatile LeaseRenewals renewals;

	private volatile boolean keptAlive = true;

	private final ListenerList<Runnable> lostListeners = new ListenerList<>();

	private final Map<String, EtcdLock> locks = new ConcurrentHashMap<>();

	private final Map<String, EtcdElection> elections = new ConcurrentHashMap<>();

	private final Object monitor = new Object();

	private volatile State state = State.ALIVE;

	private String endReason = "";

	private EtcdSession(EtcdClient client, Lease lease) {
		this.client = client;
		this.lease = lease;
		AtomicInteger threads = new AtomicInteger();
		String threadName = "etcd-session-" + Long.toHexString(lease.id()) + "-";
		// two threads: a renewal stuck on a frozen member must not delay the loss check
		this.scheduler = new ScheduledThreadPoolExecutor(2, (task) -> {
			Thread thread = new Thread(task, threadName + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.renewals = new LeaseRenewals(client.leases(), lease, this.scheduler, this::lose);
	}

	/**
	 * Grant a lease with the given TTL and keep it alive until the session is closed.
	 * @param client the client to talk to etcd with
	 * @param ttl the lease's time to live: how long after this process stops renewing it
	 * (dies, or loses its network) etcd frees its locks and leaderships. Whole seconds,
	 * rounded up; etcd may raise it to its minimum.
	 * @return the session
	 * @throws IllegalArgumentException for a missing client or a TTL of zero or less,
	 * before any request
	 * @since 0.1.0
	 */
	public static EtcdSession create(EtcdClient client, Duration ttl) {
		if (client == null) {
			throw new IllegalArgumentException("EtcdClient must not be null");
		}
		requireTtl(ttl);
		long sent = System.nanoTime();
		Lease lease = client.leases().grant(ttl);
		EtcdSession session = new EtcdSession(client, lease);
		session.renewals.start(sent);
		logger.debug("Started etcd session " + session);
		return session;
	}

	/**
	 * Return the lease that this session keeps alive; its keys carry it in lowercase hex.
	 * @return the lease id
	 * @since 0.1.0
	 */
	public long leaseId() {
		return this.lease.id();
	}

	/**
	 * Return the TTL etcd granted.
	 * @return the lease's time to live
	 * @since 0.1.0
	 */
	public Duration ttl() {
		return this.lease.ttl();
	}

	/**
	 * Whether the session still holds its lease: {@code false} once lost or closed.
	 * @return whether the session is alive
	 * @since 0.1.0
	 */
	public boolean isAlive() {
		return this.state == State.ALIVE;
	}

	/**
	 * Whether the lease is renewed automatically: {@code true} until
	 * {@link #stopKeepAlive()}.
	 * @return whether the session keeps its lease alive
	 * @since 0.1.0
	 */
	public boolean isKeptAlive() {
		return this.keptAlive;
	}

	/**
	 * Stop renewing the lease on a timer: from now on it expires one TTL after the last
	 * renewal, unless {@link #renew()} is called, and the session counts as lost once a
	 * TTL has passed since the last renewal was sent. Sends nothing; call
	 * {@link #renew()} after it for the TTL to start now.
	 * @since 0.1.0
	 */
	public void stopKeepAlive() {
		synchronized (this.monitor) {
			this.keptAlive = false;
			this.renewals.stopAutomatic();
		}
	}

	/**
	 * Renew the lease now: etcd restarts its TTL. A session kept alive does this by
	 * itself; one whose keep-alive was stopped lives only by these calls.
	 * @throws EtcdSessionLostException when the session has ended, or its lease was found
	 * gone (the session is then lost)
	 * @throws dev.etcdspring.client.exception.EtcdException when etcd cannot be reached
	 * @since 0.1.0
	 */
	public void renew() {
		requireAlive();
		try {
			this.renewals.renewNow();
		}
		catch (EtcdLeaseNotFoundException ex) {
			requireAlive();
			throw ex;
		}
	}

	/**
	 * Renew with another TTL. etcd fixes a lease's TTL when it grants it, so for another
	 * TTL (in whole seconds) a new lease is granted, every key the session has (held
	 * locks, waiting and leading candidacies) is moved onto it, guarded by its create
	 * revision, and the old lease is revoked; the keys keep their names and places in
	 * their queues. A key that vanished before it could move is a loss. Call it while no
	 * lock of the session is being acquired and no campaign runs.
	 * @param ttl the new TTL; the same TTL just renews
	 * @throws EtcdSessionLostException when the session has ended
	 * @throws dev.etcdspring.client.exception.EtcdException when etcd cannot be reached
	 * @since 0.1.0
	 */
	public void renew(Duration ttl) {
		requireTtl(ttl);
		if (LeaseMove.seconds(ttl) == this.lease.ttl().toSeconds()) {
			renew();
			return;
		}
		requireAlive();
		long sent = System.nanoTime();
		Lease next = this.client.leases().grant(ttl);
		Lease previous;
		synchronized (this.monitor) {
			if (this.state != State.ALIVE) {
				LeaseMove.revokeQuietly(this.client, next);
				requireAlive();
			}
			previous = this.lease;
			this.renewals.stop();
			this.lease = next;
			this.renewals = new LeaseRenewals(this.client.leases(), next, this.scheduler, this::lose);
			if (!this.keptAlive) {
				this.renewals.stopAutomatic();
			}
			this.renewals.start(sent);
		}
		this.locks.values().forEach((lock) -> lock.leaseChanged(next.id()));
		this.elections.values().forEach((election) -> election.leaseChanged(next.id()));
		LeaseMove.revokeQuietly(this.client, previous);
		logger.debug("Moved etcd session " + this + " from lease " + Long.toHexString(previous.id()));
	}

	/**
	 * Be told when the session is lost: its lease expired, was revoked, or could not be
	 * renewed for two thirds of its TTL. Locks and leaderships are marked lost and their
	 * own listeners told first. Not called when the session is closed. Runs on the
	 * session's thread: keep it short.
	 * @param listener what to run
	 * @return the registration, to remove the listener
	 * @since 0.1.0
	 */
	public EtcdSubscription onLost(Runnable listener) {
		return this.lostListeners.add(listener);
	}

	/**
	 * Return this session's lock of the given name; the same name always returns the same
	 * lock, since the session has one key per name.
	 * @param name the lock's name, as given to {@code etcdctl lock}; keys go under
	 * {@code name + "/"}
	 * @return the lock
	 * @throws IllegalArgumentException for an empty name
	 * @since 0.1.0
	 */
	public EtcdLock lock(String name) {
		return this.locks.computeIfAbsent(requireName(name, "lock"), (checked) -> new EtcdLock(this, checked));
	}

	/**
	 * Drop this session's lock of the given name unless a thread holds it or waits for
	 * it, so that a long-lived session does not keep every lock it ever handed out. The
	 * dropped lock refuses to be acquired ({@link IllegalStateException}); a later
	 * {@link #lock(String)} returns a new one.
	 * @param name the lock's name
	 * @return whether the session has no lock of that name any more
	 * @since 0.1.0
	 */
	public boolean discardLock(String name) {
		EtcdLock[] discarded = new EtcdLock[1];
		// computeIfPresent: atomic with lock(name), which must never return the lock
		// being dropped
		EtcdLock kept = this.locks.computeIfPresent(name, (key, lock) -> {
			if (lock.discard()) {
				discarded[0] = lock;
				return null;
			}
			return lock;
		});
		if (discarded[0] != null) {
			discarded[0].stopWatching();
		}
		return kept == null;
	}

	/**
	 * Return this session's view of the election of the given name; the same name always
	 * returns the same election.
	 * @param name the election's name, as given to {@code etcdctl elect}; keys go under
	 * {@code name + "/"}
	 * @return the election
	 * @throws IllegalArgumentException for an empty name
	 * @since 0.1.0
	 */
	public EtcdElection election(String name) {
		return this.elections.computeIfAbsent(requireName(name, "election"),
				(checked) -> new EtcdElection(this, checked));
	}

	/**
	 * End the session: locks and leaderships it holds end (their listeners are told),
	 * observations stop, and the lease is revoked so that etcd deletes the session's keys
	 * at once rather than after the TTL. Close the session before its client.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		boolean wasAlive;
		synchronized (this.monitor) {
			if (this.state == State.CLOSED) {
				return;
			}
			wasAlive = (this.state == State.ALIVE);
			this.state = State.CLOSED;
			this.endReason = wasAlive ? "it was closed" : this.endReason;
		}
		this.renewals.stop();
		endHolds();
		this.locks.values().forEach(EtcdLock::stopWatching);
		this.elections.values().forEach(EtcdElection::stopWatching);
		if (wasAlive) {
			revoke();
		}
		this.scheduler.shutdown();
		logger.debug("Closed etcd session " + this);
	}

	/**
	 * Whether the session was closed, rather than lost: its holders gave up on purpose.
	 */
	boolean isClosed() {
		return this.state == State.CLOSED;
	}

	EtcdClient client() {
		return this.client;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/** Fail unless the session is alive: nothing new may start on a lost session. */
	void requireAlive() {
		if (this.state != State.ALIVE) {
			throw new EtcdSessionLostException(describeEnd());
		}
	}

	/**
	 * Our key vanished while we waited: find out whether the lease is gone (and the
	 * session with it), rather than wait for the next renewal.
	 */
	void verifyLease() {
		try {
			this.client.leases().keepAliveOnce(this.lease.id());
		}
		catch (EtcdLeaseNotFoundException ex) {
			lose("its lease " + Long.toHexString(this.lease.id()) + " has expired or was revoked", false);
		}
		requireAlive();
	}

	private String describeEnd() {
		synchronized (this.monitor) {
			return "etcd session with lease " + Long.toHexString(this.lease.id()) + " has ended: " + this.endReason;
		}
	}

	private void lose(String reason, boolean leaseMayExist) {
		synchronized (this.monitor) {
			if (this.state != State.ALIVE) {
				return;
			}
			this.state = State.LOST;
			this.endReason = reason;
		}
		this.renewals.stop();
		logger.warn("etcd session " + this + " is lost: " + reason + "; its locks and leaderships have ended");
		endHolds();
		this.lostListeners.fire(Runnable::run, this);
		if (leaseMayExist) {
			// we stopped relying on the lease: free its keys now if etcd can be reached
			execute(this::revoke);
		}
	}

	private void endHolds() {
		String reason = describeEnd();
		this.locks.values().forEach((lock) -> lock.sessionEnded(reason));
		this.elections.values().forEach((election) -> election.sessionEnded(reason));
	}

	private void revoke() {
		LeaseMove.revokeQuietly(this.client, this.lease);
	}

	private void execute(Runnable task) {
		try {
			this.scheduler.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile: close() revokes
		}
	}

	private static void requireTtl(Duration ttl) {
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("etcd session TTL must be positive, was " + ttl);
		}
	}

	private static String requireName(String name, String kind) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("etcd " + kind + " name must not be null or empty");
		}
		return name;
	}

	@Override
	public String toString() {
		return "EtcdSession[lease=" + Long.toHexString(this.lease.id()) + ", ttl=" + this.lease.ttl().toSeconds()
				+ "s, " + this.state.name().toLowerCase() + "]";
	}

	private enum State {

		ALIVE, LOST, CLOSED

	}

}
