package dev.etcdspring.client.maintenance;

import dev.etcdspring.client.kv.ResponseHeader;

/**
 * A member's hash of its data, to compare members with each other: members at the same
 * revision must have the same hash.
 *
 * @param header the answer's header (its member id is the member that hashed, its
 * revision the store's)
 * @param hash the hash, an unsigned 32-bit number
 * @param compactRevision for a hash of the key-value store, the compaction revision it
 * covers ({@code -1}: none); 0 for a hash of the whole database
 * @since 0.1.0
 */
public record MemberHash(ResponseHeader header, long hash, long compactRevision) {

	@Override
	public String toString() {
		return "MemberHash[member=" + Long.toHexString(this.header.memberId()) + ", revision=" + this.header.revision()
				+ ", hash=" + this.hash + ", compactRevision=" + this.compactRevision + "]";
	}

}
