package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.lease.LeaseClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Renews a session's lease every quarter of its TTL, and declares it lost once two thirds
 * of the TTL have passed since the last renewal that succeeded was <em>sent</em>. Once
 * {@link #stopAutomatic() automatic renewal stops}, only {@link #renewNow()} renews, and
 * the lease counts as lost once a whole TTL has passed since the last renewal was sent:
 * the earliest moment etcd may expire it.
 * <p>
 * etcd restarts a lease's countdown when it applies a renewal, which is no earlier than
 * the moment we sent it: the deadline is measured from there, never from the answer, so
 * that a slow answer cannot make us believe in a lease etcd may already have expired. The
 * loss check runs on its own timer, not after a failed renewal, because a renewal stuck
 * on a frozen member returns only at the client's request timeout. The client's own
 * {@code LeaseClient.keepAlive} cannot serve here: it does not tell when each renewal was
 * sent.
 */
final class LeaseRenewals {

	private static final Log logger = LogFactory.getLog(LeaseRenewals.class);

	private static final long MIN_DELAY_MILLIS = 100;

	private static final long MAX_RETRY_MILLIS = 500;

	private final LeaseClient leases;

	private final Lease lease;

	private final ScheduledExecutorService scheduler;

	/** Told once, with the reason and whether the lease may still exist in etcd. */
	private final BiConsumer<String, Boolean> onLoss;

	private final Object monitor = new Object();

	private boolean running;

	private boolean automatic = true;

	private long lastSentNanos;

	private Duration lastTtl;

	private long deadlineNanos;

	private @Nullable ScheduledFuture<?> renewal;

	private @Nullable ScheduledFuture<?> lossCheck;

	LeaseRenewals(LeaseClient leases, Lease lease, ScheduledExecutorService scheduler,
			BiConsumer<String, Boolean> onLoss) {
		this.leases = leases;
		this.lease = lease;
		this.scheduler = scheduler;
		this.onLoss = onLoss;
		this.lastTtl = lease.ttl();
	}

	/** Start, counting the grant sent at {@code grantSentNanos} as the first renewal. */
	void start(long grantSentNanos) {
		synchronized (this.monitor) {
			this.running = true;
			renewed(grantSentNanos, this.lease.ttl());
		}
	}

	void stop() {
		synchronized (this.monitor) {
			this.running = false;
			cancel(this.renewal);
			cancel(this.lossCheck);
		}
	}

	/**
	 * Stop renewing on a timer: from now on the lease lives one TTL past the last renewal
	 * sent, unless {@link #renewNow()} is called.
	 */
	void stopAutomatic() {
		synchronized (this.monitor) {
			this.automatic = false;
			cancel(this.renewal);
			if (this.running) {
				renewed(this.lastSentNanos, this.lastTtl);
			}
		}
	}

	/**
	 * Renew once, now, on the calling thread.
	 * @throws EtcdLeaseNotFoundException when the lease is gone (the loss is reported
	 * first)
	 */
	void renewNow() {
		long sent = System.nanoTime();
		try {
			Duration ttl = this.leases.keepAliveOnce(this.lease.id());
			synchronized (this.monitor) {
				if (this.running) {
					renewed(sent, ttl);
				}
			}
		}
		catch (EtcdLeaseNotFoundException ex) {
			lost("its lease " + Long.toHexString(this.lease.id()) + " has expired or was revoked", false);
			throw ex;
		}
	}

	private void renew() {
		synchronized (this.monitor) {
			if (!this.running || !this.automatic) {
				return;
			}
		}
		long sent = System.nanoTime();
		try {
			Duration ttl = this.leases.keepAliveOnce(this.lease.id());
			synchronized (this.monitor) {
				if (this.running) {
					renewed(sent, ttl);
				}
			}
		}
		catch (EtcdLeaseNotFoundException ex) {
			lost("its lease " + Long.toHexString(this.lease.id()) + " has expired or was revoked", false);
		}
		catch (EtcdException | IllegalStateException ex) {
			// IllegalStateException: the client was closed under us; the loss check ends
			// the session if this goes on
			logger.debug("Renewal of etcd lease " + Long.toHexString(this.lease.id()) + " failed; retrying", ex);
			synchronized (this.monitor) {
				if (this.running && this.automatic) {
					long retry = Math.min(MAX_RETRY_MILLIS, this.lease.ttl().toMillis() / 8);
					this.renewal = schedule(this::renew, Math.max(MIN_DELAY_MILLIS, retry));
				}
			}
		}
	}

	/** A renewal sent at {@code sentNanos} succeeded; called with the monitor held. */
	private void renewed(long sentNanos, Duration ttl) {
		if (this.lossCheck == null || sentNanos - this.lastSentNanos > 0) {
			this.lastSentNanos = sentNanos;
			this.lastTtl = ttl;
		}
		long deadline = this.automatic ? sentNanos + ttl.toNanos() * 2 / 3
				: this.lastSentNanos + this.lastTtl.toNanos();
		if (this.lossCheck == null || deadline - this.deadlineNanos > 0) {
			this.deadlineNanos = deadline;
			cancel(this.lossCheck);
			this.lossCheck = schedule(this::checkDeadline, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		}
		if (this.automatic) {
			this.renewal = schedule(this::renew, Math.max(MIN_DELAY_MILLIS, ttl.toMillis() / 4));
		}
	}

	private void checkDeadline() {
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			long early = this.deadlineNanos - System.nanoTime();
			if (early > 0) {
				this.lossCheck = schedule(this::checkDeadline, TimeUnit.NANOSECONDS.toMillis(early));
				return;
			}
		}
		String window = this.automatic ? "two thirds of its " : "its ";
		lost("no renewal of its lease " + Long.toHexString(this.lease.id()) + " succeeded for " + window
				+ this.lease.ttl().toSeconds() + " s TTL", true);
	}

	private void lost(String reason, boolean leaseMayExist) {
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			cancel(this.renewal);
			cancel(this.lossCheck);
		}
		this.onLoss.accept(reason, leaseMayExist);
	}

	private @Nullable ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		try {
			// +1: TimeUnit truncates, and a check that runs early only reschedules itself
			return this.scheduler.schedule(task, Math.max(0, delayMillis) + 1, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
