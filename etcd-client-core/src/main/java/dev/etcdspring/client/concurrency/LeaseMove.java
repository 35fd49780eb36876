package dev.etcdspring.client.concurrency;

import java.time.Duration;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.lease.Lease;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a session does with leases besides renewing them: compare TTLs the way etcd grants
 * them, and revoke a lease it no longer relies on without letting a failure hide the
 * caller's own outcome.
 */
final class LeaseMove {

	private static final Log logger = LogFactory.getLog(LeaseMove.class);

	private LeaseMove() {
	}

	/** A TTL in whole seconds, rounded up, as the lease client grants it. */
	static long seconds(Duration ttl) {
		long seconds = ttl.getSeconds();
		return (ttl.getNano() > 0) ? seconds + 1 : seconds;
	}

	/**
	 * Revoke the lease so that etcd deletes its keys now rather than after the TTL; one
	 * that is gone already needs nothing, and a failure is logged.
	 */
	static void revokeQuietly(EtcdClient client, Lease lease) {
		try {
			client.leases().revoke(lease.id());
		}
		catch (EtcdLeaseNotFoundException ex) {
			// gone already: nothing to free
		}
		catch (EtcdException | IllegalStateException ex) {
			logger.warn("Could not revoke lease " + Long.toHexString(lease.id()) + " of etcd session; its keys "
					+ "are deleted when it expires, within " + lease.ttl().toSeconds() + " s", ex);
		}
	}

}
