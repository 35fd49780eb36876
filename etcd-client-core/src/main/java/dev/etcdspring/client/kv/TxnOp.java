package dev.etcdspring.client.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
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

	Json toJson() {
		return new Json((this.get != null) ? this.get.toJson() : null, (this.put != null) ? this.put.toJson() : null,
				(this.delete != null) ? this.delete.toJson() : null);
	}

	record Json(@JsonProperty("request_range") RangeQuery.@Nullable Json range,
			@JsonProperty("request_put") PutRequest.@Nullable Json put,
			@JsonProperty("request_delete_range") DeleteRequest.@Nullable Json delete) {
	}

	/**
	 * The result of one operation, in the order of the operations of the branch that ran.
	 *
	 * @param range the answer of a read
	 * @param put the answer of a put
	 * @param delete the answer of a delete
	 */
	public record Result(@JsonProperty("response_range") @Nullable RangeResponse range,
			@JsonProperty("response_put") PutRequest.@Nullable Response put,
			@JsonProperty("response_delete_range") DeleteRequest.@Nullable Response delete) {
	}

}
