package dev.etcdspring.client.internal.lease;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.lease.LeaseKeepAlive;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Renews a lease at a third of its time to live (one {@code POST /v3/lease/keepalive}
 * each), and sooner after a failed renewal, so that one lost request does not cost the
 * lease.
 */
final class ScheduledKeepAlive implements LeaseKeepAlive {

	private static final Log logger = LogFactory.getLog(ScheduledKeepAlive.class);

	/**
	 * Renewals per time to live: renewing at a third of it leaves two thirds for retries
	 * when a renewal fails.
	 */
	private static final long RENEWALS_PER_TTL = 3;

	/** The shortest interval between renewals, for very short leases: no tighter loop. */
	private static final long MIN_INTERVAL_MILLIS = 200;

	/**
	 * The delay before renewing again after a failure: soon, since the lease is running
	 * out, but not a tight loop against a member that keeps failing.
	 */
	private static final long RETRY_MILLIS = 500;

	private final long leaseId;

	private final LeaseClient leases;

	private final Listener listener;

	private final ScheduledExecutorService scheduler;

	private volatile boolean active = true;

	private @Nullable ScheduledFuture<?> next;

	ScheduledKeepAlive(long leaseId, LeaseClient leases, Listener listener, ScheduledExecutorService scheduler) {
		this.leaseId = leaseId;
		this.leases = leases;
		this.listener = listener;
		this.scheduler = scheduler;
	}

	void start() {
		schedule(0);
	}

	private synchronized void schedule(long delayMillis) {
		if (this.active) {
			this.next = this.scheduler.schedule(this::renew, delayMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void renew() {
		if (!this.active) {
			return;
		}
		try {
			Duration ttl = this.leases.keepAliveOnce(this.leaseId);
			this.listener.onRenewed(ttl);
			schedule(Math.max(MIN_INTERVAL_MILLIS, ttl.toMillis() / RENEWALS_PER_TTL));
		}
		catch (EtcdLeaseNotFoundException ex) {
			this.active = false;
			logger.warn("etcd lease " + Long.toHexString(this.leaseId) + " has expired; stopping its keep-alive");
			this.listener.onExpired(this.leaseId);
		}
		catch (EtcdException ex) {
			logger.debug("Renewal of etcd lease " + this.leaseId + " failed; retrying", ex);
			this.listener.onRenewalFailed(ex);
			schedule(RETRY_MILLIS);
		}
		catch (RuntimeException ex) {
			// a listener bug must not end the renewals
			logger.error("Keep-alive listener of etcd lease " + this.leaseId + " failed", ex);
			schedule(RETRY_MILLIS);
		}
	}

	@Override
	public long leaseId() {
		return this.leaseId;
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public synchronized void close() {
		this.active = false;
		if (this.next != null) {
			this.next.cancel(false);
		}
	}

}
