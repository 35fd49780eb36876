package dev.etcdspring.client.lease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * etcd's lease API: keys attached to a lease are deleted when it expires or is revoked.
 *
 * @since 0.1.0
 */
public interface LeaseClient {

	/**
	 * Grant a lease.
	 * @param ttl its time to live, positive, in whole seconds (rounded up; etcd may raise
	 * it to its minimum)
	 * @return the lease
	 * @throws IllegalArgumentException for a TTL of 0 or less
	 */
	Lease grant(Duration ttl);

	/**
	 * Revoke a lease and delete its keys.
	 * @param leaseId the lease
	 * @throws dev.etcdspring.client.exception.EtcdLeaseNotFoundException when it does not
	 * exist
	 */
	void revoke(long leaseId);

	/**
	 * Read a lease's remaining time.
	 * @param leaseId the lease
	 * @param withKeys whether to list the attached keys
	 * @return the lease's state, or empty when it has expired or never existed
	 */
	Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys);

	/**
	 * List the leases etcd holds: every live lease of the cluster, granted by any client
	 * (etcd 3.3 or later). Take their state from {@link #timeToLive(long, boolean)}; a
	 * lease listed may expire before that.
	 * @return the lease ids, in etcd's order
	 * @since 0.1.0
	 */
	List<Long> list();

	/**
	 * Renew a lease once.
	 * @param leaseId the lease
	 * @return the renewed time to live
	 * @throws dev.etcdspring.client.exception.EtcdLeaseNotFoundException when it has
	 * expired
	 */
	Duration keepAliveOnce(long leaseId);

	/**
	 * Keep a lease alive until the returned handle is closed, renewing at a third of its
	 * time to live. An expired lease, or renewals that fail, are reported to the
	 * listener: never dropped in silence.
	 * @param leaseId the lease
	 * @param listener told about renewals, failures and expiry
	 * @return the handle that stops the renewals
	 */
	LeaseKeepAlive keepAlive(long leaseId, LeaseKeepAlive.Listener listener);

}
