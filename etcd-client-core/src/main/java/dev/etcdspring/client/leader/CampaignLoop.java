package dev.etcdspring.client.leader;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.concurrency.EtcdElection;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.Compare;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One run of an {@link EtcdLeaderInitiator}, from start to stop, on a thread of its own:
 * campaign, lead until leadership ends, and campaign again; a lost session is replaced by
 * a new one. Leading is waiting: the thread sleeps until the leadership is revoked,
 * yielded or stopped.
 */
final class CampaignLoop implements Runnable {

	private static final Log logger = LogFactory.getLog(EtcdLeaderInitiator.class);

	/** How often a leader looks again even when nobody wakes it. */
	private static final long RECHECK_MILLIS = 1000;

	private static final int MAX_BACKOFF_STEPS = 10;

	private final EtcdLeaderInitiator initiator;

	private final EtcdClient client;

	private final String value;

	private final Thread thread;

	private final Object monitor = new Object();

	private boolean running = true;

	private boolean campaigning;

	private boolean yieldRequested;

	private volatile @Nullable EtcdElection leading;

	/** Used by the loop's thread only. */
	private @Nullable EtcdSession session;

	CampaignLoop(EtcdLeaderInitiator initiator, EtcdClient client, String value) {
		this.initiator = initiator;
		this.client = client;
		this.value = value;
		this.thread = new Thread(this, "etcd-leader-" + initiator.getName());
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/** Stop campaigning, resign if leading, and wait for that at most {@code timeout}. */
	void stop(Duration timeout) {
		synchronized (this.monitor) {
			this.running = false;
			this.monitor.notifyAll();
			if (this.campaigning) {
				// a campaign withdraws its candidacy when interrupted; a leader is woken
				// instead, so that its resignation is not cut short
				this.thread.interrupt();
			}
		}
		if (Thread.currentThread() == this.thread) {
			return;
		}
		try {
			this.thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			logger.warn("etcd leader initiator of '" + this.initiator.getName() + "' did not stop within "
					+ timeout.toSeconds() + " s; its candidacy ends with its lease");
		}
	}

	boolean isLeader() {
		EtcdElection election = this.leading;
		return election != null && election.isLeader();
	}

	Compare leaderCondition() {
		EtcdElection election = this.leading;
		if (election == null) {
			throw new IllegalStateException(
					"This process does not lead etcd election '" + this.initiator.getName() + "'");
		}
		return election.leaderCondition();
	}

	void yieldLeadership() {
		synchronized (this.monitor) {
			if (this.leading != null) {
				this.yieldRequested = true;
				this.monitor.notifyAll();
			}
		}
	}

	@Override
	public void run() {
		int failures = 0;
		try {
			while (isRunning()) {
				try {
					EtcdElection election = election();
					if (campaign(election)) {
						failures = 0;
						lead(election);
					}
				}
				catch (EtcdException ex) {
					failures++;
					failed(ex, failures);
				}
			}
		}
		finally {
			if (this.session != null) {
				// revokes the lease: a candidacy left behind goes at once
				this.session.close();
			}
		}
	}

	private boolean isRunning() {
		synchronized (this.monitor) {
			return this.running;
		}
	}

	/** The election in the current session, with a new session when it was lost. */
	private EtcdElection election() {
		EtcdSession current = this.session;
		if (current == null || !current.isAlive()) {
			if (current != null) {
				current.close();
			}
			current = EtcdSession.create(this.client, this.initiator.getTtl());
			this.session = current;
			current.election(this.initiator.getName()).onRevoked((election) -> wake());
		}
		return current.election(this.initiator.getName());
	}

	/**
	 * @return whether elected; {@code false} when stopped meanwhile
	 */
	private boolean campaign(EtcdElection election) {
		synchronized (this.monitor) {
			if (!this.running) {
				return false;
			}
			this.campaigning = true;
		}
		try {
			election.campaign(this.value);
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
		finally {
			synchronized (this.monitor) {
				this.campaigning = false;
			}
			// an interrupt from stop() that came after the campaign ended must not cut
			// the resignation short
			Thread.interrupted();
		}
	}

	private void lead(EtcdElection election) {
		this.leading = election;
		this.initiator.granted();
		boolean yielded;
		synchronized (this.monitor) {
			while (this.running && election.isLeader() && !this.yieldRequested) {
				try {
					this.monitor.wait(RECHECK_MILLIS);
				}
				catch (InterruptedException ex) {
					break;
				}
			}
			yielded = this.yieldRequested;
			this.yieldRequested = false;
		}
		String reason = "its lease or its key was lost";
		if (election.isLeader()) {
			reason = yielded ? "it yielded" : "the initiator stopped";
			try {
				election.resign();
			}
			catch (EtcdException ex) {
				logger.warn("Could not resign from etcd election '" + this.initiator.getName() + "': " + ex.getMessage()
						+ "; the candidacy ends with its lease");
			}
		}
		this.leading = null;
		this.initiator.revoked(reason);
		if (yielded) {
			// let another candidate lead before we queue again
			pause(this.initiator.getRetryDelay());
		}
	}

	private void failed(EtcdException ex, int failures) {
		if (!isRunning()) {
			return;
		}
		Duration delay = this.initiator.getRetryDelay().multipliedBy(Math.min(failures, MAX_BACKOFF_STEPS));
		String message = "etcd leader election '" + this.initiator.getName() + "' failed: " + ex.getMessage()
				+ "; campaigning again in " + delay.toMillis() + " ms";
		if (failures == 1) {
			logger.warn(message);
		}
		logger.debug(message, ex);
		pause(delay);
	}

	private void wake() {
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	private void pause(Duration delay) {
		long end = System.nanoTime() + delay.toNanos();
		synchronized (this.monitor) {
			long remaining;
			while (this.running && (remaining = end - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

}
