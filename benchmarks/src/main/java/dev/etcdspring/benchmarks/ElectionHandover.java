package dev.etcdspring.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Election hand-over: in each election two candidates, each on a lease of its own, take
 * turns. The leader resigns while the other candidate's campaign waits; the latency runs
 * from before the resignation to the moment the waiting campaign returns (on the thread
 * that campaigns, not when the measuring thread wakes up). The former leader then
 * campaigns again and becomes the waiter, outside the measured time.
 * <p>
 * A waiter is measured only once it has waited {@code wait} (option
 * {@code handover-wait}): how long it waited changes the result. etcd's election service,
 * which jetcd calls, waits on the server with a watch that starts at the revision it has
 * just read; etcd counts such a watch as behind and catches it up in a loop that runs
 * every 100 ms, so a leader that resigns sooner makes the waiter wait up to 100 ms more.
 * A standby usually waits far longer than that. To get many hand-overs per second
 * although each waiter waits that long, there are up to {@link #MAX_ELECTIONS} elections,
 * one per {@link #CYCLE} of the wait, handed over one after the other (never two at
 * once), each while the others' waiters wait; a short wait gets one election, so that its
 * waiter really waits that little.
 */
final class ElectionHandover implements AutoCloseable {

	/** Enough that, at 250 ms per waiter, the ring rarely has to pause. */
	static final int MAX_ELECTIONS = 16;

	/** About what one hand-over and the next campaign take on a quiet machine. */
	private static final Duration CYCLE = Duration.ofMillis(15);

	private static final long TIMEOUT_SECONDS = 10;

	private final Pair[] pairs;

	private final Duration wait;

	private final Probe probe;

	private int next;

	/**
	 * Create the candidates, elect one of each pair and let the other wait.
	 * @param target the client
	 * @param wait how long a waiter waits at least before its leader resigns
	 * @param probe counts the keys under a prefix through a client that is not measured
	 */
	ElectionHandover(Target target, Duration wait, Probe probe) throws Exception {
		this.wait = wait;
		this.probe = probe;
		this.pairs = new Pair[(int) Math.max(1, Math.min(MAX_ELECTIONS, wait.toMillis() / CYCLE.toMillis()))];
		try {
			for (int i = 0; i < this.pairs.length; i++) {
				this.pairs[i] = new Pair(target, i);
			}
		}
		catch (Exception ex) {
			close();
			throw ex;
		}
		this.pairs[0].awaitWaited();
	}

	/**
	 * Hand over the next election, then wait (unmeasured) until the waiter of the one
	 * after it has waited long enough.
	 * @return when the waiting campaign returned
	 */
	long handOver(int worker, long startNanos) throws Exception {
		long elected = this.pairs[this.next].handOver();
		this.next = (this.next + 1) % this.pairs.length;
		this.pairs[this.next].awaitWaited();
		return elected;
	}

	/**
	 * Let each waiter win and step down, then end the leases.
	 */
	@Override
	public void close() throws Exception {
		Exception failure = null;
		for (Pair pair : this.pairs) {
			if (pair != null) {
				try {
					pair.close();
				}
				catch (Exception ex) {
					failure = (failure != null) ? failure : ex;
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Counts the keys under a prefix through a client that is not measured.
	 */
	@FunctionalInterface
	interface Probe {

		long count(String prefix) throws Exception;

	}

	/**
	 * Two candidates of one election and the thread the waiting one campaigns on.
	 */
	private final class Pair implements AutoCloseable {

		private final String prefix;

		private final ExecutorService campaigner;

		private final Target.Candidate first;

		private final Target.Candidate second;

		private Target.Candidate leader;

		private Target.Candidate waiter;

		private Future<Long> waiting;

		private long waitingSince;

		Pair(Target target, int index) throws Exception {
			this.prefix = target.electionName(index) + "/";
			this.campaigner = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "bench-campaign-" + target.name() + "-" + index);
				thread.setDaemon(true);
				return thread;
			});
			this.first = target.candidate(index, "first");
			this.second = target.candidate(index, "second");
			this.leader = this.first;
			this.waiter = this.second;
			this.leader.campaign();
			this.waiting = campaignInBackground(this.waiter);
		}

		long handOver() throws Exception {
			this.leader.resign();
			long elected = this.waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			Target.Candidate resigned = this.leader;
			this.leader = this.waiter;
			this.waiter = resigned;
			this.waiting = campaignInBackground(resigned);
			return elected;
		}

		void awaitWaited() throws InterruptedException {
			long remaining = this.waitingSince + ElectionHandover.this.wait.toNanos() - System.nanoTime();
			if (remaining > 0) {
				TimeUnit.NANOSECONDS.sleep(remaining);
			}
		}

		/**
		 * Start a campaign on the campaign thread; return once its key is visible, from
		 * when on it counts as waiting.
		 */
		private Future<Long> campaignInBackground(Target.Candidate candidate) throws Exception {
			Future<Long> campaign = this.campaigner.submit(() -> {
				candidate.campaign();
				return System.nanoTime();
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
			while (ElectionHandover.this.probe.count(this.prefix) < 2) {
				if (campaign.isDone()) {
					campaign.get();
					throw new IllegalStateException("elected while another candidate leads " + this.prefix);
				}
				if (System.nanoTime() > deadline) {
					throw new TimeoutException(
							"no second candidate under " + this.prefix + " within " + TIMEOUT_SECONDS + " s");
				}
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
			}
			this.waitingSince = System.nanoTime();
			return campaign;
		}

		@Override
		public void close() throws Exception {
			try {
				this.leader.resign();
				this.waiting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				this.waiter.resign();
			}
			finally {
				this.campaigner.shutdownNow();
				try {
					this.first.close();
				}
				finally {
					this.second.close();
				}
			}
		}

	}

}
