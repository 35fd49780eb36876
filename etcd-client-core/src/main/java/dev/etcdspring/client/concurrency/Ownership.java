package dev.etcdspring.client.concurrency;

import java.util.Arrays;
import java.util.function.Consumer;

import dev.etcdspring.client.kv.Keys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether a session holds a lock or leads an election: from the acquisition until it is
 * released on purpose or lost. A loss is reported once, to the owner's listeners, after
 * {@link #isHeld()} has turned {@code false}; the revision of the hold is kept until the
 * release, so that fencing conditions built from it are refused by etcd, not by us.
 */
final class Ownership<T> {

	private static final Log logger = LogFactory.getLog(Ownership.class);

	private final T owner;

	private final EtcdSession session;

	private final String description;

	private final Runnable onEnd;

	private final ListenerList<Consumer<T>> lostListeners = new ListenerList<>();

	private final Object monitor = new Object();

	/** The create revision of our key while held or lost, 0 once released. */
	private volatile long revision;

	private volatile boolean lost;

	/**
	 * @param description how log lines name what is owned, {@code "etcd lock 'x'"}
	 * @param onEnd run once when a hold ends, by release or loss
	 */
	Ownership(T owner, EtcdSession session, String description, Runnable onEnd) {
		this.owner = owner;
		this.session = session;
		this.description = description;
		this.onEnd = onEnd;
	}

	void acquired(long revision) {
		synchronized (this.monitor) {
			this.revision = revision;
			this.lost = false;
		}
	}

	boolean isHeld() {
		return this.revision != 0 && !this.lost && this.session.isAlive();
	}

	/** The revision of the current hold, lost or not; 0 when released. */
	long revision() {
		return this.revision;
	}

	/**
	 * End the hold on purpose.
	 * @return whether it was still held, so that our key is ours to delete
	 */
	boolean release() {
		boolean held;
		synchronized (this.monitor) {
			if (this.revision == 0) {
				return false;
			}
			held = !this.lost;
			this.revision = 0;
			this.lost = false;
		}
		if (held) {
			this.onEnd.run();
		}
		return held && this.session.isAlive();
	}

	/** Lose the hold of {@code revision}, if it is the current one and still held. */
	void lose(long revision, String reason) {
		synchronized (this.monitor) {
			if (revision == 0 || this.revision != revision || this.lost) {
				return;
			}
			this.lost = true;
		}
		this.onEnd.run();
		String message = this.description + " is lost: " + reason;
		if (this.session.isClosed()) {
			// closing the session ends its holds on purpose
			logger.debug(message);
		}
		else {
			logger.warn(message);
		}
		this.lostListeners.fire((listener) -> listener.accept(this.owner), this.owner);
	}

	/** A key under the prefix was deleted: lose the hold if it was ours. */
	void keyDeleted(byte[] ours, byte[] key, long deletedAt) {
		long held = this.revision;
		if (held != 0 && deletedAt > held && Arrays.equals(key, ours)) {
			lose(held, "its key " + Keys.printable(key) + " was deleted at revision " + deletedAt);
		}
	}

	/** The session ended: the hold is lost, and a wait for our turn stops waiting. */
	void sessionEnded(Candidacy candidacy, String reason) {
		lose(this.revision, reason);
		candidacy.deletions().wake();
	}

	/** The session moved to another lease: so does our key, unless it is already gone. */
	void leaseChanged(Candidacy candidacy, long leaseId) {
		long held = this.revision;
		if (!candidacy.moveTo(leaseId)) {
			lose(held, "its key was deleted before it could move to lease " + Long.toHexString(leaseId));
		}
	}

	EtcdSubscription onLost(Consumer<T> listener) {
		return this.lostListeners.add(listener);
	}

}
