package dev.etcdspring.client.exception;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A bulk write ({@code kv().bulk(...)}, {@code EtcdTemplate.bulk()}) stopped part-way.
 * Each of its transactions is atomic, the bulk as a whole is not: the operations of the
 * transactions that etcd confirmed are applied, those of a transaction that etcd refused
 * are not, those of a transaction without an answer may or may not be, and after the
 * first failure no further transaction was sent. {@link #getUnappliedKeys()} lists every
 * key whose operation was not surely applied, to retry them (writing a key again is
 * harmless for puts and deletes). The cause is the first failure; failures of other
 * transactions in flight are suppressed exceptions.
 *
 * @since 0.1.0
 */
public class EtcdBulkException extends EtcdException {

	private final int totalOps;

	private final int appliedOps;

	private final List<Integer> failedTransactions;

	private final List<Integer> unknownTransactions;

	private final List<byte[]> unappliedKeys;

	public EtcdBulkException(String message, int totalOps, int appliedOps, List<Integer> failedTransactions,
			List<Integer> unknownTransactions, List<byte[]> unappliedKeys, @Nullable Throwable cause) {
		super(message, (cause instanceof EtcdException etcd) ? etcd.getEndpoint() : null, cause);
		this.totalOps = totalOps;
		this.appliedOps = appliedOps;
		this.failedTransactions = List.copyOf(failedTransactions);
		this.unknownTransactions = List.copyOf(unknownTransactions);
		this.unappliedKeys = List.copyOf(unappliedKeys);
	}

	/**
	 * Return how many operations the bulk had.
	 * @return the number of operations
	 */
	public int getTotalOps() {
		return this.totalOps;
	}

	/**
	 * Return how many operations surely were applied: those of the transactions etcd
	 * confirmed.
	 * @return the number of applied operations
	 */
	public int getAppliedOps() {
		return this.appliedOps;
	}

	/**
	 * Return the transactions that surely had no effect (etcd refused them, or they never
	 * reached it), as indexes from 0 in the order the operations were given.
	 * @return the indexes of the failed transactions
	 */
	public List<Integer> getFailedTransactions() {
		return this.failedTransactions;
	}

	/**
	 * Return the transactions that may or may not have been applied (sent, but no answer
	 * came back), as indexes from 0.
	 * @return the indexes of the transactions with an unknown outcome
	 */
	public List<Integer> getUnknownTransactions() {
		return this.unknownTransactions;
	}

	/**
	 * Return the keys of every operation that was not surely applied: of failed
	 * transactions, of transactions with an unknown outcome, and of those never sent; in
	 * the order the operations were given.
	 * @return the keys to retry
	 */
	public List<byte[]> getUnappliedKeys() {
		return this.unappliedKeys;
	}

	/**
	 * Return {@link #getUnappliedKeys()} decoded as UTF-8, for string keys.
	 * @return the keys to retry
	 */
	public List<String> getUnappliedKeysAsStrings() {
		return this.unappliedKeys.stream().map((key) -> new String(key, StandardCharsets.UTF_8)).toList();
	}

}
