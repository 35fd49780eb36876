package dev.etcdspring.client.lease;

import java.time.Duration;

/**
 * A granted lease.
 *
 * @param id the lease id
 * @param ttl the time to live the server granted (it may round up short TTLs)
 * @since 0.1.0
 */
public record Lease(long id, Duration ttl) {

	@Override
	public String toString() {
		// the id in hex, as etcdctl prints it
		return "Lease[id=" + Long.toHexString(this.id) + ", ttl=" + this.ttl + "]";
	}

}
