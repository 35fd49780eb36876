package dev.etcdspring.client.async;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.lease.LeaseInfo;

/**
 * {@link LeaseClient}'s unary operations as futures; each fails as the synchronous one
 * throws (see {@link dev.etcdspring.client.EtcdAsync} for errors and cancellation).
 * Keeping a lease alive is already asynchronous: {@link LeaseClient#keepAlive}.
 *
 * @since 0.1.0
 */
public interface AsyncLeaseClient {

	/**
	 * Grant a lease, as {@link LeaseClient#grant(Duration)}.
	 * @param ttl its time to live
	 * @return the lease
	 */
	CompletableFuture<Lease> grant(Duration ttl);

	/**
	 * Revoke a lease and delete its keys, as {@link LeaseClient#revoke(long)}.
	 * @param leaseId the lease
	 * @return completed once revoked
	 */
	CompletableFuture<Void> revoke(long leaseId);

	/**
	 * Read a lease's remaining time, as {@link LeaseClient#timeToLive(long, boolean)}.
	 * @param leaseId the lease
	 * @param withKeys whether to list the attached keys
	 * @return the lease's state, or empty when it has expired or never existed
	 */
	CompletableFuture<Optional<LeaseInfo>> timeToLive(long leaseId, boolean withKeys);

	/**
	 * Renew a lease once, as {@link LeaseClient#keepAliveOnce(long)}.
	 * @param leaseId the lease
	 * @return the renewed time to live
	 */
	CompletableFuture<Duration> keepAliveOnce(long leaseId);

}
