package dev.etcdspring.client.kv;

import dev.etcdspring.client.internal.codec.GatewayJsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * A put: key, value and options. {@code PutRequest.of(key, value).lease(id).prevKv()}.
 *
 * @since 0.1.0
 */
public final class PutRequest {

	private final byte[] key;

	private final byte[] value;

	private long lease;

	private boolean prevKv;

	private PutRequest(byte[] key, byte[] value) {
		this.key = Keys.require(key);
		if (value == null) {
			throw new IllegalArgumentException("etcd value must not be null (use an empty value or delete the key)");
		}
		this.value = value;
	}

	/**
	 * Put {@code value} at {@code key}.
	 * @param key the key
	 * @param value the value
	 * @return the request
	 */
	public static PutRequest of(byte[] key, byte[] value) {
		return new PutRequest(key, value);
	}

	/**
	 * Attach the key to a lease: it is deleted when the lease ends.
	 * @param leaseId the lease
	 * @return this request
	 */
	public PutRequest lease(long leaseId) {
		this.lease = leaseId;
		return this;
	}

	/**
	 * Return the previous key-value in the answer.
	 * @return this request
	 */
	public PutRequest prevKv() {
		this.prevKv = true;
		return this;
	}

	/**
	 * Return the size of key and value, what etcd's request limit counts.
	 * @return the size in bytes
	 */
	public long size() {
		return (long) this.key.length + this.value.length;
	}

	byte[] key() {
		return this.key;
	}

	/** Write this request's fields (proto3: a field left out is its default). */
	public void writeFields(GatewayJsonWriter json) {
		json.field("key", this.key);
		json.field("value", this.value);
		if (this.lease != 0) {
			json.field("lease", this.lease);
		}
		if (this.prevKv) {
			json.field("prev_kv", true);
		}
	}

	/**
	 * The answer to a put.
	 *
	 * @param header the answer's header; its revision is the put's revision
	 * @param prevKv the previous key-value, when asked for and the key existed
	 */
	public record Response(ResponseHeader header, @Nullable KeyValue prevKv) {

		public Response {
			header = (header != null) ? header : ResponseHeader.EMPTY;
		}

	}

}
