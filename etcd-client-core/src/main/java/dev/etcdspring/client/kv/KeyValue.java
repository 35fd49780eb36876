package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A key and its value as etcd stores them, with the revisions that describe its history.
 *
 * @param key the key's bytes
 * @param value the value's bytes (empty, never {@code null}, for an empty value or a
 * keys-only read)
 * @param createRevision the revision that created the key
 * @param modRevision the revision of the last change to the key
 * @param version how many times the key changed since it was created (0 for a deleted
 * key)
 * @param lease the lease the key is attached to, or 0
 * @since 0.1.0
 */
public record KeyValue(byte[] key, byte @Nullable [] value, long createRevision, long modRevision, long version,
		long lease) {

	private static final byte[] EMPTY = new byte[0];

	public KeyValue {
		// the gateway omits empty values altogether
		value = (value != null) ? value : EMPTY;
		key = (key != null) ? key : EMPTY;
	}

	/**
	 * Return the key decoded as UTF-8.
	 * @return the key as a string
	 */
	public String keyAsString() {
		return new String(this.key, StandardCharsets.UTF_8);
	}

	/**
	 * Return the value decoded as UTF-8.
	 * @return the value as a string
	 */
	public String valueAsString() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	@Override
	public byte[] value() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof KeyValue that && Arrays.equals(this.key, that.key)
				&& Arrays.equals(this.value, that.value) && this.createRevision == that.createRevision
				&& this.modRevision == that.modRevision && this.version == that.version && this.lease == that.lease;
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.key) + Long.hashCode(this.modRevision);
	}

	@Override
	public String toString() {
		// values can be secrets: toString shows keys, never values
		return "KeyValue[key=" + Keys.printable(this.key) + ", value=" + this.value.length + " bytes, createRevision="
				+ this.createRevision + ", modRevision=" + this.modRevision + ", version=" + this.version + ", lease="
				+ this.lease + "]";
	}

}
