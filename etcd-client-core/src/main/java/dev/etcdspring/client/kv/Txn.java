package dev.etcdspring.client.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.util.Assert;

/**
 * An atomic transaction: if every comparison holds, the {@code then} operations run,
 * otherwise the {@code otherwise} operations.
 * {@code Txn.when(cmp).then(op).otherwise(op)}.
 * <p>
 * Immutable: {@link #and}, {@link #then} and {@link #otherwise} return a new transaction
 * with more conditions or operations.
 *
 * @since 0.1.0
 */
public final class Txn {

	/** etcd's default for {@code --max-txn-ops}. */
	public static final int DEFAULT_MAX_OPS = 128;

	private static final Txn EMPTY = new Txn(List.of(), List.of(), List.of());

	private final List<Compare> compares;

	private final List<TxnOp> success;

	private final List<TxnOp> failure;

	private Txn(List<Compare> compares, List<TxnOp> success, List<TxnOp> failure) {
		this.compares = compares;
		this.success = success;
		this.failure = failure;
	}

	/**
	 * Start a transaction with no conditions (its {@code then} branch always runs).
	 * @return the transaction
	 */
	public static Txn create() {
		return EMPTY;
	}

	/**
	 * Start a transaction with conditions.
	 * @param compares the conditions, all of which must hold
	 * @return the transaction
	 */
	public static Txn when(Compare... compares) {
		return EMPTY.and(compares);
	}

	/**
	 * Add conditions.
	 * @param compares more conditions
	 * @return a transaction like this one, with the conditions added
	 */
	public Txn and(Compare... compares) {
		return new Txn(concat(this.compares, compares, "Compare"), this.success, this.failure);
	}

	/**
	 * Add operations to run when every condition holds.
	 * @param ops the operations
	 * @return a transaction like this one, with the operations added
	 */
	public Txn then(TxnOp... ops) {
		return new Txn(this.compares, concat(this.success, ops, "TxnOp"), this.failure);
	}

	/**
	 * Add operations to run when a condition fails.
	 * @param ops the operations
	 * @return a transaction like this one, with the operations added
	 */
	public Txn otherwise(TxnOp... ops) {
		return new Txn(this.compares, this.success, concat(this.failure, ops, "TxnOp"));
	}

	private static <T> List<T> concat(List<T> first, T[] more, String what) {
		Assert.noNullElements(more, () -> what + " must not be null");
		List<T> all = new ArrayList<>(first.size() + more.length);
		all.addAll(first);
		Collections.addAll(all, more);
		return Collections.unmodifiableList(all);
	}

	/**
	 * Return the conditions.
	 * @return the conditions, unmodifiable
	 */
	public List<Compare> compares() {
		return this.compares;
	}

	/**
	 * Return the operations that run when every condition holds.
	 * @return the operations, unmodifiable
	 * @since 0.1.0
	 */
	public List<TxnOp> thenOps() {
		return this.success;
	}

	/**
	 * Return the operations that run when a condition fails.
	 * @return the operations, unmodifiable
	 * @since 0.1.0
	 */
	public List<TxnOp> otherwiseOps() {
		return this.failure;
	}

	/**
	 * The answer to a transaction.
	 *
	 * @param header the answer's header; its revision is the transaction's revision
	 * @param succeeded whether every condition held
	 * @param results the results of the branch that ran, in order
	 */
	public record Response(ResponseHeader header, boolean succeeded, List<TxnOp.Result> results) {

		public Response {
			header = (header != null) ? header : ResponseHeader.EMPTY;
			results = (results != null) ? results : List.of();
		}

	}

}
