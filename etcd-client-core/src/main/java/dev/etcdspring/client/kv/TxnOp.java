package dev.etcdspring.client.kv;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One operation inside a transaction: a read, a put, a delete or a nested transaction.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class TxnOp {

	private final @Nullable RangeQuery range;

	private final @Nullable PutRequest put;

	private final @Nullable DeleteRequest delete;

	private final @Nullable Txn txn;

	private TxnOp(@Nullable RangeQuery range, @Nullable PutRequest put, @Nullable DeleteRequest delete,
			@Nullable Txn txn) {
		this.range = range;
		this.put = put;
		this.delete = delete;
		this.txn = txn;
	}

	/**
	 * Read inside the transaction.
	 * @param query the read
	 * @return the operation
	 */
	public static TxnOp get(RangeQuery query) {
		Assert.notNull(query, "RangeQuery must not be null");
		return new TxnOp(query, null, null, null);
	}

	/**
	 * Put inside the transaction.
	 * @param put the put
	 * @return the operation
	 */
	public static TxnOp put(PutRequest put) {
		Assert.notNull(put, "PutRequest must not be null");
		return new TxnOp(null, put, null, null);
	}

	/**
	 * Delete inside the transaction.
	 * @param delete the delete
	 * @return the operation
	 */
	public static TxnOp delete(DeleteRequest delete) {
		Assert.notNull(delete, "DeleteRequest must not be null");
		return new TxnOp(null, null, delete, null);
	}

	/**
	 * Run a transaction inside the transaction (etcd 3.3 and later). Its conditions are
	 * evaluated against the state before the outer transaction, like the outer ones; etcd
	 * refuses a transaction in which two branches that can both run write the same key.
	 * @param txn the nested transaction
	 * @return the operation
	 * @since 0.1.0
	 */
	public static TxnOp txn(Txn txn) {
		Assert.notNull(txn, "Txn must not be null");
		return new TxnOp(null, null, null, txn);
	}

	/**
	 * Return the read, when this operation is one.
	 * @return the read, or {@code null} for a put or delete
	 * @since 0.1.0
	 */
	public @Nullable RangeQuery getRange() {
		return this.range;
	}

	/**
	 * Return the put, when this operation is one.
	 * @return the put, or {@code null} for a read or delete
	 * @since 0.1.0
	 */
	public @Nullable PutRequest getPut() {
		return this.put;
	}

	/**
	 * Return the delete, when this operation is one.
	 * @return the delete, or {@code null} for a read or put
	 * @since 0.1.0
	 */
	public @Nullable DeleteRequest getDelete() {
		return this.delete;
	}

	/**
	 * Return the nested transaction, when this operation is one.
	 * @return the transaction, or {@code null} for a read, put or delete
	 * @since 0.1.0
	 */
	public @Nullable Txn getTxn() {
		return this.txn;
	}

	/**
	 * The result of one operation, in the order of the operations of the branch that ran.
	 *
	 * @param range the answer of a read
	 * @param put the answer of a put
	 * @param delete the answer of a delete
	 * @param txn the answer of a nested transaction
	 */
	public record Result(@Nullable RangeResponse range, PutRequest.@Nullable Response put,
			DeleteRequest.@Nullable Response delete, Txn.@Nullable Response txn) {

		/**
		 * Create the result of a read, put or delete.
		 * @param range the answer of a read
		 * @param put the answer of a put
		 * @param delete the answer of a delete
		 */
		public Result(@Nullable RangeResponse range, PutRequest.@Nullable Response put,
				DeleteRequest.@Nullable Response delete) {
			this(range, put, delete, null);
		}

	}

}
