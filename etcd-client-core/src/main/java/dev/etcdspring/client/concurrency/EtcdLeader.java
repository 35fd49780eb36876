package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.Keys;

/**
 * The leader of an election: the candidate key with the lowest create revision under the
 * election's prefix, and the value it proclaims.
 *
 * @param key the leader's key, {@code NAME/} followed by its lease id in hex
 * @param value the value the leader proclaims
 * @param createRevision the revision that created the key: it orders the candidates and
 * stays the same for as long as this leader leads
 * @param modRevision the revision of the last proclamation
 * @param leaseId the lease of the leader's session
 * @since 0.1.0
 */
public record EtcdLeader(byte[] key, byte[] value, long createRevision, long modRevision, long leaseId) {

	static EtcdLeader of(KeyValue kv) {
		return new EtcdLeader(kv.key(), kv.value(), kv.createRevision(), kv.modRevision(), kv.lease());
	}

	/**
	 * Return the key decoded as UTF-8.
	 * @return the key as a string
	 * @since 0.1.0
	 */
	public String keyAsString() {
		return new String(this.key, StandardCharsets.UTF_8);
	}

	/**
	 * Return the value decoded as UTF-8.
	 * @return the value as a string
	 * @since 0.1.0
	 */
	public String valueAsString() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EtcdLeader that && Arrays.equals(this.key, that.key)
				&& Arrays.equals(this.value, that.value) && this.createRevision == that.createRevision
				&& this.modRevision == that.modRevision && this.leaseId == that.leaseId;
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.key) + Long.hashCode(this.modRevision);
	}

	@Override
	public String toString() {
		// like KeyValue: values can be secrets, so only their size is shown
		return "EtcdLeader[key=" + Keys.printable(this.key) + ", value=" + this.value.length + " bytes, createRevision="
				+ this.createRevision + ", modRevision=" + this.modRevision + ", lease="
				+ Long.toHexString(this.leaseId) + "]";
	}

}
