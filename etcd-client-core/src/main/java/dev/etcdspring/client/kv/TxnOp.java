package dev.etcdspring.client.kv;

import dev.etcdspring.client.internal.codec.GatewayJsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * One operation inside a transaction: a read, a put or a delete.
 *
 * @since 0.1.0
 */
public final class TxnOp {

	private final @Nullable RangeQuery get;

	private final @Nullable PutRequest put;

	private final @Nullable DeleteRequest delete;

	private TxnOp(@Nullable RangeQuery get, @Nullable PutRequest put, @Nullable DeleteRequest delete) {
		this.get = get;
		this.put = put;
		this.delete = delete;
	}

	/**
	 * Read inside the transaction.
	 * @param query the read
	 * @return the operation
	 */
	public static TxnOp get(RangeQuery query) {
		return new TxnOp(query, null, null);
	}

	/**
	 * Put inside the transaction.
	 * @param put the put
	 * @return the operation
	 */
	public static TxnOp put(PutRequest put) {
		return new TxnOp(null, put, null);
	}

	/**
	 * Delete inside the transaction.
	 * @param delete the delete
	 * @return the operation
	 */
	public static TxnOp delete(DeleteRequest delete) {
		return new TxnOp(null, null, delete);
	}

	long size() {
		return (this.put != null) ? this.put.size() : 0;
	}

	/** Write this operation's fields: the one request it holds, as an object. */
	public void writeFields(GatewayJsonWriter json) {
		if (this.get != null) {
			this.get.writeFields(json.beginObject("request_range"));
			json.endObject();
		}
		if (this.put != null) {
			this.put.writeFields(json.beginObject("request_put"));
			json.endObject();
		}
		if (this.delete != null) {
			this.delete.writeFields(json.beginObject("request_delete_range"));
			json.endObject();
		}
	}

	/**
	 * The result of one operation, in the order of the operations of the branch that ran.
	 *
	 * @param range the answer of a read
	 * @param put the answer of a put
	 * @param delete the answer of a delete
	 */
	public record Result(@Nullable RangeResponse range, PutRequest.@Nullable Response put,
			DeleteRequest.@Nullable Response delete) {
	}

}
