package dev.etcdspring.client.kv;

import org.jspecify.annotations.Nullable;

/**
 * A put: key, value and options. {@code PutRequest.of(key, value).lease(id).prevKv()}.
 * <p>
 * Immutable: each option returns a new request, so one request may be shared and sent any
 * number of times. The key and value arrays are not copied; do not change them after
 * handing them over.
 *
 * @since 0.1.0
 */
public final class PutRequest {

	private final byte[] key;

	private final byte[] value;

	private final long lease;

	private final boolean prevKv;

	private PutRequest(byte[] key, byte[] value, long lease, boolean prevKv) {
		this.key = key;
		this.value = value;
		this.lease = lease;
		this.prevKv = prevKv;
	}

	/**
	 * Put {@code value} at {@code key}.
	 * @param key the key
	 * @param value the value
	 * @return the request
	 */
	public static PutRequest of(byte[] key, byte[] value) {
		Keys.require(key);
		if (value == null) {
			throw new IllegalArgumentException("etcd value must not be null (use an empty value or delete the key)");
		}
		return new PutRequest(key, value, 0, false);
	}

	/**
	 * Attach the key to a lease: it is deleted when the lease ends.
	 * @param leaseId the lease
	 * @return a request like this one, with the lease
	 */
	public PutRequest lease(long leaseId) {
		return new PutRequest(this.key, this.value, leaseId, this.prevKv);
	}

	/**
	 * Return the previous key-value in the answer.
	 * @return a request like this one that asks for the previous key-value
	 */
	public PutRequest prevKv() {
		return new PutRequest(this.key, this.value, this.lease, true);
	}

	/**
	 * Return the size of key and value, what etcd's request limit counts.
	 * @return the size in bytes
	 */
	public long size() {
		return (long) this.key.length + this.value.length;
	}

	/**
	 * Return the key.
	 * @return the key
	 * @since 0.1.0
	 */
	public byte[] getKey() {
		return this.key;
	}

	/**
	 * Return the value.
	 * @return the value
	 * @since 0.1.0
	 */
	public byte[] getValue() {
		return this.value;
	}

	/**
	 * Return the lease the key is attached to.
	 * @return the lease id, 0 for none
	 * @since 0.1.0
	 */
	public long getLease() {
		return this.lease;
	}

	/**
	 * Whether the answer carries the previous key-value.
	 * @return whether the previous key-value is asked for
	 * @since 0.1.0
	 */
	public boolean isPrevKv() {
		return this.prevKv;
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
