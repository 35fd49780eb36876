package dev.etcdspring.client.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.etcdspring.client.internal.codec.GatewayJsonWriter;

/**
 * An atomic transaction: if every comparison holds, the {@code then} operations run,
 * otherwise the {@code otherwise} operations.
 * {@code Txn.when(cmp).then(op).otherwise(op)}.
 *
 * @since 0.1.0
 */
public final class Txn {

	/** etcd's default for {@code --max-txn-ops}. */
	public static final int DEFAULT_MAX_OPS = 128;

	private final List<Compare> compares = new ArrayList<>();

	private final List<TxnOp> success = new ArrayList<>();

	private final List<TxnOp> failure = new ArrayList<>();

	private Txn() {
	}

	/**
	 * Start a transaction with no conditions (its {@code then} branch always runs).
	 * @return the transaction
	 */
	public static Txn create() {
		return new Txn();
	}

	/**
	 * Start a transaction with conditions.
	 * @param compares the conditions, all of which must hold
	 * @return the transaction
	 */
	public static Txn when(Compare... compares) {
		return new Txn().and(compares);
	}

	/**
	 * Add conditions.
	 * @param compares more conditions
	 * @return this transaction
	 */
	public Txn and(Compare... compares) {
		this.compares.addAll(Arrays.asList(compares));
		return this;
	}

	/**
	 * Add operations to run when every condition holds.
	 * @param ops the operations
	 * @return this transaction
	 */
	public Txn then(TxnOp... ops) {
		this.success.addAll(Arrays.asList(ops));
		return this;
	}

	/**
	 * Add operations to run when a condition fails.
	 * @param ops the operations
	 * @return this transaction
	 */
	public Txn otherwise(TxnOp... ops) {
		this.failure.addAll(Arrays.asList(ops));
		return this;
	}

	/**
	 * Return the conditions.
	 * @return the conditions
	 */
	public List<Compare> compares() {
		return List.copyOf(this.compares);
	}

	long size() {
		return this.success.stream().mapToLong(TxnOp::size).sum() + this.failure.stream().mapToLong(TxnOp::size).sum();
	}

	/** Write this transaction's fields: the conditions and both branches. */
	public void writeFields(GatewayJsonWriter json) {
		json.beginArray("compare");
		for (Compare compare : this.compares) {
			compare.writeFields(json.beginObject());
			json.endObject();
		}
		json.endArray();
		writeBranch(json, "success", this.success);
		writeBranch(json, "failure", this.failure);
	}

	private static void writeBranch(GatewayJsonWriter json, String name, List<TxnOp> ops) {
		json.beginArray(name);
		for (TxnOp op : ops) {
			op.writeFields(json.beginObject());
			json.endObject();
		}
		json.endArray();
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
