package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A session's place in the queue under a lock or election prefix: the key
 * {@code NAME/<lease id in hex>}, attached to the session's lease, as Go's
 * {@code concurrency.Mutex} and {@code Election} (and so {@code etcdctl lock} and
 * {@code etcdctl elect}) lay it out. Keys are served in the order of their create
 * revisions: the first one holds the lock, or leads.
 * <p>
 * One thread at a time uses a candidacy (the lock's local lock, or the election's single
 * campaign, sees to that).
 */
final class Candidacy {

	private static final Log logger = LogFactory.getLog(Candidacy.class);

	private final EtcdSession session;

	private final KvClient kv;

	private final String description;

	private final byte[] prefix;

	private final byte[] key;

	private final PrefixDeletions deletions;

	/** Our key's create revision, 0 while we have no key. */
	private volatile long createRevision;

	/** The revision of the last read that saw our key, to watch it from. */
	private long seenRevision;

	private byte[] value = new byte[0];

	Candidacy(EtcdSession session, String description, String name, BiConsumer<byte[], Long> onDelete) {
		this.session = session;
		this.kv = session.client().kv();
		this.description = description;
		this.prefix = (name + "/").getBytes(StandardCharsets.UTF_8);
		this.key = (name + "/" + Long.toHexString(session.leaseId())).getBytes(StandardCharsets.UTF_8);
		this.deletions = new PrefixDeletions(session.client().watches(), this.prefix, session.scheduler(), onDelete);
	}

	byte[] key() {
		return this.key;
	}

	byte[] prefix() {
		return this.prefix;
	}

	long createRevision() {
		return this.createRevision;
	}

	long seenRevision() {
		return this.seenRevision;
	}

	PrefixDeletions deletions() {
		return this.deletions;
	}

	/**
	 * Put our key unless it exists (a release that failed may have left it), in one
	 * transaction with a read of the first key, so that an uncontended acquisition costs
	 * one request.
	 */
	Joined join(byte[] value) {
		this.value = value;
		Txn txn = Txn.when(Compare.createRevision(this.key).equalTo(0L))
			.then(TxnOp.put(PutRequest.of(this.key, value).lease(this.session.leaseId())), TxnOp.get(first()))
			.otherwise(TxnOp.get(RangeQuery.key(this.key)), TxnOp.get(first()));
		Txn.Response answer = this.kv.txn(txn);
		byte @Nullable [] existing = null;
		long revision = answer.header().revision();
		if (!answer.succeeded()) {
			KeyValue ours = answer.results().get(0).range().kvs().get(0);
			revision = ours.createRevision();
			existing = ours.value();
		}
		this.createRevision = revision;
		this.seenRevision = answer.header().revision();
		List<KeyValue> owner = answer.results().get(1).range().kvs();
		return new Joined(owner.isEmpty() || owner.get(0).createRevision() == revision, existing);
	}

	/**
	 * Wait until no key under the prefix was created before ours: each time, for the
	 * deletion of the last key ahead of ours, as etcd's own clients do, so that a release
	 * wakes one waiter, not all of them.
	 * @return {@code true} when our key is first, {@code false} when the deadline passed
	 */
	boolean awaitFirst(Deadline deadline) throws InterruptedException {
		try (PrefixDeletions.Handle handle = this.deletions.begin()) {
			while (true) {
				this.session.requireAlive();
				RangeQuery queue = RangeQuery.prefix(this.prefix).keysOnly().sort(SortTarget.CREATE, SortOrder.ASCEND);
				RangeResponse answer = this.kv.range(queue);
				KeyValue ahead = null;
				boolean present = false;
				for (KeyValue kv : answer.kvs()) {
					if (kv.createRevision() < this.createRevision) {
						ahead = kv;
					}
					else if (kv.createRevision() == this.createRevision && Arrays.equals(kv.key(), this.key)) {
						present = true;
					}
				}
				this.seenRevision = answer.header().revision();
				if (!present) {
					// expired lease, or someone deleted our key: the first ends the wait,
					// the second costs our place in the queue
					this.session.verifyLease();
					if (join(this.value).first()) {
						return true;
					}
					continue;
				}
				if (ahead == null) {
					return true;
				}
				if (deadline.passed()) {
					return false;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("etcd " + this.description + ": waiting for " + Keys.printable(ahead.key())
							+ " (created at revision " + ahead.createRevision() + ") ahead of "
							+ Keys.printable(this.key) + " (revision " + this.createRevision + ")");
				}
				if (!handle.awaitDelete(ahead.key(), answer.header().revision(), deadline)) {
					return false;
				}
			}
		}
	}

	/** Like {@link #awaitFirst(Deadline)} with no deadline, going on when interrupted. */
	boolean awaitFirstUninterruptibly() {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return awaitFirst(Deadline.none());
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (EtcdException ex) {
					// a request cut short by the interrupt (the transport gives up when
					// interrupted): keep the interrupt for later and look again
					if (!Thread.interrupted()) {
						throw ex;
					}
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Replace our key's value, if the key is still the one we created.
	 * @return whether it was
	 */
	boolean update(byte[] value, long revision) {
		Txn txn = Txn.when(ownerCondition(revision))
			.then(TxnOp.put(PutRequest.of(this.key, value).lease(this.session.leaseId())));
		boolean replaced = this.kv.txn(txn).succeeded();
		if (replaced) {
			this.value = value;
		}
		return replaced;
	}

	/**
	 * Attach our key, if we have one, to another lease of the session, keeping its value
	 * and create revision (its place in the queue).
	 * @return {@code false} when our key vanished before it could move
	 */
	boolean moveTo(long leaseId) {
		long revision = this.createRevision;
		if (revision == 0) {
			return true;
		}
		Txn txn = Txn.when(ownerCondition(revision))
			.then(TxnOp.put(PutRequest.of(this.key, this.value).lease(leaseId)));
		return this.kv.txn(txn).succeeded();
	}

	/** Our key as text, as etcdctl prints it. */
	String keyAsString() {
		return new String(this.key, StandardCharsets.UTF_8);
	}

	/** Delete our key if it is still the one we created. */
	void leave() {
		long revision = this.createRevision;
		this.createRevision = 0;
		if (revision != 0) {
			this.kv.txn(Txn.when(ownerCondition(revision)).then(TxnOp.delete(DeleteRequest.key(this.key))));
		}
	}

	/** Our key is gone with the session or was deleted: nothing to delete. */
	void forget() {
		this.createRevision = 0;
	}

	/**
	 * Give up after a timeout, an interruption or a failure: delete our key whatever its
	 * revision, since a failed request may have created it unseen. Never throws, so that
	 * the original failure is what the caller sees.
	 */
	void abandon() {
		this.createRevision = 0;
		if (!this.session.isAlive()) {
			// the key goes with the lease; a request now could hang on a dead member
			return;
		}
		try {
			this.kv.delete(DeleteRequest.key(this.key));
		}
		catch (EtcdException ex) {
			logger.warn("Could not delete " + Keys.printable(this.key) + " after giving up on etcd " + this.description
					+ "; it stays until this session next releases it, or ends", ex);
		}
	}

	/** The condition that our key still exists with the given create revision. */
	Compare ownerCondition(long revision) {
		return Compare.createRevision(this.key).equalTo(revision);
	}

	private RangeQuery first() {
		return RangeQuery.prefix(this.prefix).sort(SortTarget.CREATE, SortOrder.ASCEND).limit(1);
	}

	/**
	 * @param first whether our key is the first under the prefix
	 * @param existingValue the value of our key when it existed already, else
	 * {@code null}
	 */
	record Joined(boolean first, byte @Nullable [] existingValue) {
	}

}
