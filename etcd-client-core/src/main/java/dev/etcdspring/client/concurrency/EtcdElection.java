package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A leader election in etcd, in the layout of {@code etcdctl elect} and Go's
 * {@code concurrency.Election}, so that candidates and observers of both kinds take part
 * in the same election. Obtained from {@link EtcdSession#election(String)}.
 * <p>
 * A candidate puts the key {@code NAME/<lease id in hex>}, whose value is its proposal,
 * attached to its session's lease; the candidate whose key has the lowest create revision
 * leads. {@link #campaign(String)} waits until this session leads;
 * {@link #proclaim(String)} changes the leader's value; {@link #resign()} steps down.
 * Leadership is <em>revoked</em> without a resignation when the session is lost or the
 * key is deleted by someone else: {@link #onRevoked(Consumer) listeners} are told, with
 * {@link #isLeader()} already {@code false}.
 *
 * @since 0.1.0
 */
public final class EtcdElection {

	private static final Log logger = LogFactory.getLog(EtcdElection.class);

	private final EtcdSession session;

	private final String name;

	private final Candidacy candidacy;

	private final ListenerList<Consumer<EtcdElection>> revokedListeners = new ListenerList<>();

	private final Set<EtcdSubscription> observations = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean campaigning = new AtomicBoolean();

	private final Object monitor = new Object();

	/** Our key's create revision while this session leads, else 0. */
	private volatile long leaderRevision;

	/** Keeps the deletions under the prefix watched while we lead. */
	private PrefixDeletions.@Nullable Handle watching;

	EtcdElection(EtcdSession session, String name) {
		this.session = session;
		this.name = name;
		this.candidacy = new Candidacy(session, "election '" + name + "'", name, this::keyDeleted);
	}

	/**
	 * Run for leader with the given value, and wait as long as it takes to be elected. If
	 * this session leads already, its value is replaced.
	 * @param value the proposal, UTF-8 encoded
	 * @throws InterruptedException when interrupted while waiting; the candidacy is
	 * withdrawn
	 * @throws IllegalStateException when another thread campaigns in this election with
	 * this session
	 * @throws EtcdSessionLostException when the session has ended
	 * @since 0.1.0
	 */
	public void campaign(String value) throws InterruptedException {
		campaign(utf8(value), Deadline.none());
	}

	/**
	 * Run for leader with the given value, waiting at most {@code timeout}. A campaign
	 * that times out or is interrupted withdraws its candidacy.
	 * @param value the proposal, UTF-8 encoded
	 * @param timeout the longest time to wait
	 * @return whether this session was elected
	 * @throws InterruptedException when interrupted while waiting
	 * @throws IllegalStateException when another thread campaigns in this election with
	 * this session
	 * @throws EtcdSessionLostException when the session has ended
	 * @since 0.1.0
	 */
	public boolean campaign(String value, Duration timeout) throws InterruptedException {
		return campaign(utf8(value), deadline(timeout));
	}

	/**
	 * Run for leader with the given value, and wait as long as it takes to be elected.
	 * @param value the proposal
	 * @throws InterruptedException when interrupted while waiting
	 * @since 0.1.0
	 * @see #campaign(String)
	 */
	public void campaign(byte[] value) throws InterruptedException {
		campaign(requireValue(value), Deadline.none());
	}

	/**
	 * Run for leader with the given value, waiting at most {@code timeout}.
	 * @param value the proposal
	 * @param timeout the longest time to wait
	 * @return whether this session was elected
	 * @throws InterruptedException when interrupted while waiting
	 * @since 0.1.0
	 * @see #campaign(String, Duration)
	 */
	public boolean campaign(byte[] value, Duration timeout) throws InterruptedException {
		return campaign(requireValue(value), deadline(timeout));
	}

	/**
	 * Announce a new value, if this session still leads: a transaction that only puts the
	 * value while our key has the create revision it had when we were elected.
	 * @param value the new value, UTF-8 encoded
	 * @return whether the value was proclaimed; {@code false} when this session does not
	 * lead (any more: then leadership is revoked)
	 * @since 0.1.0
	 */
	public boolean proclaim(String value) {
		return proclaim(utf8(value));
	}

	/**
	 * Announce a new value, if this session still leads.
	 * @param value the new value
	 * @return whether the value was proclaimed
	 * @since 0.1.0
	 * @see #proclaim(String)
	 */
	public boolean proclaim(byte[] value) {
		requireValue(value);
		long revision = this.leaderRevision;
		if (revision == 0) {
			return false;
		}
		if (this.candidacy.update(value, revision)) {
			return true;
		}
		revoke(revision, "its key was deleted or replaced");
		return false;
	}

	/**
	 * Step down: delete this session's key, so that the next candidate leads. Does
	 * nothing when this session does not lead. Revoked listeners are not told.
	 * @since 0.1.0
	 */
	public void resign() {
		long revision = this.leaderRevision;
		if (revision == 0 || !endLeadership(revision)) {
			return;
		}
		if (this.session.isAlive()) {
			this.candidacy.leave();
		}
		else {
			this.candidacy.forget();
		}
	}

	/**
	 * Read who leads now.
	 * @return the leader, or empty when there is no candidate
	 * @since 0.1.0
	 */
	public Optional<EtcdLeader> leader() {
		RangeQuery first = RangeQuery.prefix(this.candidacy.prefix())
			.sort(SortTarget.CREATE, SortOrder.ASCEND)
			.limit(1);
		return this.session.client().kv().range(first).kvs().stream().findFirst().map(EtcdLeader::of);
	}

	/**
	 * Follow the election: the listener is told who leads now (or that nobody does), then
	 * each new leader and each new value, until the returned subscription (or the
	 * session) is closed. Needs no candidacy: any session can observe.
	 * @param listener told of leaders, on a watch thread, one call at a time
	 * @return the subscription, to stop observing
	 * @since 0.1.0
	 */
	public EtcdSubscription observe(LeaderListener listener) {
		if (listener == null) {
			throw new IllegalArgumentException("LeaderListener must not be null");
		}
		this.session.requireAlive();
		ElectionObserver observer = new ElectionObserver(this.session.client().watches(), this.candidacy.prefix(),
				listener);
		EtcdSubscription subscription = new EtcdSubscription() {

			@Override
			public void close() {
				EtcdElection.this.observations.remove(this);
				observer.close();
			}

		};
		this.observations.add(subscription);
		return subscription;
	}

	/**
	 * Whether this session leads the election, as far as it knows.
	 * @return whether this session is the leader
	 * @since 0.1.0
	 */
	public boolean isLeader() {
		return this.leaderRevision != 0 && this.session.isAlive();
	}

	/**
	 * Return the condition "this session still leads" (our key exists with the create
	 * revision it had when elected), to guard a transaction that only the leader may run.
	 * @return the condition
	 * @throws IllegalStateException when this session does not lead
	 * @since 0.1.0
	 */
	public Compare leaderCondition() {
		long revision = this.leaderRevision;
		if (revision == 0) {
			throw new IllegalStateException("This session does not lead etcd election '" + this.name + "'");
		}
		return this.candidacy.ownerCondition(revision);
	}

	/**
	 * Be told when leadership ends without {@link #resign()}: the session ended, or our
	 * key was deleted by someone else. Runs on a client thread: keep it short.
	 * @param listener told with this election
	 * @return the registration, to remove the listener
	 * @since 0.1.0
	 */
	public EtcdSubscription onRevoked(Consumer<EtcdElection> listener) {
		return this.revokedListeners.add(listener);
	}

	/**
	 * Return the election's name, the prefix of its keys without the trailing {@code /}.
	 * @return the name
	 * @since 0.1.0
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return this session's candidate key: {@code NAME/<lease id in hex>}.
	 * @return the key
	 * @since 0.1.0
	 */
	public String key() {
		return this.name + "/" + Long.toHexString(this.session.leaseId());
	}

	void sessionEnded(String reason) {
		revoke(this.leaderRevision, reason);
		this.candidacy.deletions().wake();
	}

	void stopWatching() {
		this.observations.forEach(EtcdSubscription::close);
		this.candidacy.deletions().close();
	}

	private boolean campaign(byte[] value, Deadline deadline) throws InterruptedException {
		if (!this.campaigning.compareAndSet(false, true)) {
			throw new IllegalStateException(
					"Another thread already campaigns in etcd election '" + this.name + "' with this session");
		}
		try {
			this.session.requireAlive();
			if (this.leaderRevision != 0 && proclaim(value)) {
				return true;
			}
			boolean elected = false;
			try {
				Candidacy.Joined joined = this.candidacy.join(value);
				if (joined.existingValue() != null && !Arrays.equals(joined.existingValue(), value)) {
					// a candidacy left over from a failed resignation: bring its value up
					// to date; should the key be gone, awaitFirst puts it again
					this.candidacy.update(value, this.candidacy.createRevision());
				}
				elected = joined.first() || this.candidacy.awaitFirst(deadline);
			}
			finally {
				if (!elected) {
					this.candidacy.abandon();
				}
			}
			if (elected) {
				elected(this.candidacy.createRevision());
			}
			return elected;
		}
		finally {
			this.campaigning.set(false);
		}
	}

	private void elected(long revision) {
		synchronized (this.monitor) {
			this.leaderRevision = revision;
			// watch our own key while we lead, so that its deletion revokes leadership at
			// once, not only at the next renewal
			this.watching = this.candidacy.deletions().begin();
			this.watching.watchFrom(this.candidacy.seenRevision() + 1);
		}
		logger.debug("Elected in etcd election '" + this.name + "' with key " + key() + " at revision " + revision);
	}

	private void keyDeleted(byte[] key, long revision) {
		long leading = this.leaderRevision;
		if (leading != 0 && revision > leading && Arrays.equals(key, this.candidacy.key())) {
			revoke(leading, "its key " + Keys.printable(key) + " was deleted at revision " + revision);
		}
	}

	private void revoke(long revision, String reason) {
		if (revision == 0 || !endLeadership(revision)) {
			return;
		}
		this.candidacy.forget();
		String message = "Leadership of etcd election '" + this.name + "' is revoked: " + reason;
		if (this.session.isClosed()) {
			logger.debug(message);
		}
		else {
			logger.warn(message);
		}
		this.revokedListeners.fire((listener) -> listener.accept(this), this);
	}

	/** End the leadership of {@code revision}, once: whether this call ended it. */
	private boolean endLeadership(long revision) {
		PrefixDeletions.Handle stopping;
		synchronized (this.monitor) {
			if (this.leaderRevision != revision) {
				return false;
			}
			this.leaderRevision = 0;
			stopping = this.watching;
			this.watching = null;
		}
		if (stopping != null) {
			stopping.close();
		}
		return true;
	}

	private static Deadline deadline(Duration timeout) {
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalArgumentException("Campaign timeout must be zero or positive, was " + timeout);
		}
		// Deadline treats anything beyond a year as no deadline; toNanos() would overflow
		return Deadline.after(timeout.toSeconds(), TimeUnit.SECONDS).bounded()
				? Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS) : Deadline.none();
	}

	private static byte[] utf8(String value) {
		if (value == null) {
			throw new IllegalArgumentException("Election value must not be null");
		}
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] requireValue(byte[] value) {
		if (value == null) {
			throw new IllegalArgumentException("Election value must not be null");
		}
		return value;
	}

	@Override
	public String toString() {
		return "EtcdElection[" + this.name + ", key=" + key() + ", " + (isLeader() ? "leader" : "not leader") + "]";
	}

}
