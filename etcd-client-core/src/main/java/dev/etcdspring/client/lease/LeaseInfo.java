package dev.etcdspring.client.lease;

import java.time.Duration;
import java.util.List;

/**
 * What etcd knows of a live lease.
 *
 * @param id the lease id
 * @param remaining the time left before the lease expires
 * @param granted the time to live it was granted with
 * @param keys the keys attached to it, when asked for
 * @since 0.1.0
 */
public record LeaseInfo(long id, Duration remaining, Duration granted, List<byte[]> keys) {

	@Override
	public String toString() {
		// the id in hex, as etcdctl prints it; keys by count (they may be binary)
		return "LeaseInfo[id=" + Long.toHexString(this.id) + ", remaining=" + this.remaining + ", granted="
				+ this.granted + ", keys=" + this.keys.size() + "]";
	}

}
