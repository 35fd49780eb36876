package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private final Set<ElectionObserver> observers = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean campaigning = new AtomicBoolean();

	private final Ownership<EtcdElection> ownership;

	EtcdElection(EtcdSession session, String name) {
		this.session = session;
		this.name = name;
		this.candidacy = new Candidacy(session, "election '" + name + "'", name, this::keyDeleted);
		this.ownership = new Ownership<>(this, session, "Leadership of etcd election '" + name + "'",
				this.candidacy.deletions()::unpin);
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
		return campaign(utf8(value), Deadline.within(timeout, "Campaign timeout"));
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
		return campaign(requireValue(value), Deadline.within(timeout, "Campaign timeout"));
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
		long revision = this.ownership.revision();
		if (!this.ownership.isHeld()) {
			return false;
		}
		if (this.candidacy.update(value, revision)) {
			return true;
		}
		this.ownership.lose(revision, "its key was deleted or replaced");
		return false;
	}

	/**
	 * Step down: delete this session's key, so that the next candidate leads. Does
	 * nothing when this session does not lead. Revoked listeners are not told.
	 * @since 0.1.0
	 */
	public void resign() {
		if (this.ownership.revision() == 0) {
			// not elected: nothing to give up (a campaign under way is ended by
			// interrupting it)
			return;
		}
		if (this.ownership.release()) {
			this.candidacy.leave();
		}
		else {
			// revoked: the key is gone, or goes with the lease
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
		this.observers.add(observer);
		return () -> {
			this.observers.remove(observer);
			observer.close();
		};
	}

	/**
	 * Whether this session leads the election, as far as it knows.
	 * @return whether this session is the leader
	 * @since 0.1.0
	 */
	public boolean isLeader() {
		return this.ownership.isHeld();
	}

	/**
	 * Return the condition "this session still leads" (our key exists with the create
	 * revision it had when elected), to guard a transaction that only the leader may run.
	 * @return the condition
	 * @throws IllegalStateException when this session does not lead
	 * @since 0.1.0
	 */
	public Compare leaderCondition() {
		long revision = this.ownership.revision();
		if (!this.ownership.isHeld()) {
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
		return this.ownership.onLost(listener);
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
		return this.candidacy.keyAsString();
	}

	void sessionEnded(String reason) {
		this.ownership.sessionEnded(this.candidacy, reason);
	}

	void stopWatching() {
		this.observers.forEach(ElectionObserver::close);
		this.candidacy.deletions().close();
	}

	/** The session moved to another lease: so does our candidate key. */
	void leaseChanged(long leaseId) {
		this.ownership.leaseChanged(this.candidacy, leaseId);
	}

	private boolean campaign(byte[] value, Deadline deadline) throws InterruptedException {
		if (!this.campaigning.compareAndSet(false, true)) {
			throw new IllegalStateException(
					"Another thread already campaigns in etcd election '" + this.name + "' with this session");
		}
		try {
			this.session.requireAlive();
			if (this.ownership.isHeld() && proclaim(value)) {
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
		// watch our own key while we lead, so that its deletion revokes leadership at
		// once, not only at the next renewal
		this.candidacy.deletions().pin(this.candidacy.seenRevision() + 1);
		this.ownership.acquired(revision);
		logger.debug("Elected in etcd election '" + this.name + "' with key " + key() + " at revision " + revision);
	}

	private void keyDeleted(byte[] key, long revision) {
		this.ownership.keyDeleted(this.candidacy.key(), key, revision);
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
