package dev.etcdspring.client.lease;

import java.time.Duration;

import dev.etcdspring.client.exception.EtcdException;

/**
 * Renewals of one lease, running until closed or until the lease is found expired.
 *
 * @since 0.1.0
 */
public interface LeaseKeepAlive extends AutoCloseable {

	/**
	 * Return the lease kept alive.
	 * @return the lease id
	 */
	long leaseId();

	/**
	 * Whether renewals still run: {@code false} once closed or expired.
	 * @return whether the lease is being kept alive
	 */
	boolean isActive();

	/**
	 * Stop renewing. The lease then expires after its time to live unless revoked.
	 */
	@Override
	void close();

	/**
	 * Told what happens to a kept-alive lease. Called on the client's scheduler thread:
	 * keep it short.
	 */
	interface Listener {

		/**
		 * The lease was renewed.
		 * @param ttl the time to live from now
		 */
		default void onRenewed(Duration ttl) {
		}

		/**
		 * A renewal failed; another is tried shortly.
		 * @param failure what went wrong
		 */
		default void onRenewalFailed(EtcdException failure) {
		}

		/**
		 * The lease has expired or was revoked: renewals stop, and its keys are gone.
		 * @param leaseId the lease
		 */
		void onExpired(long leaseId);

	}

}
