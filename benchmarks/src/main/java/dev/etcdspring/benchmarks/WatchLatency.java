package dev.etcdspring.benchmarks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Put-to-callback latency: each worker puts its own key under a prefix the same client
 * watches, and waits until the watch callback reports that key. The latency runs from
 * before the put to the moment the callback is entered (on the client's delivery thread).
 */
final class WatchLatency implements AutoCloseable {

	private static final long EVENT_TIMEOUT_SECONDS = 5;

	private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

	private final Target target;

	private final BlockingQueue<Long>[] arrivals;

	private final AutoCloseable watch;

	/**
	 * Start the watch and wait until it delivers: a watch created "from now" misses puts
	 * made before the server registered it.
	 * @param target the client
	 * @param workers the number of workers
	 * @param probe puts a key (through another client) to find out when the watch runs
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	WatchLatency(Target target, int workers, Probe probe) throws Exception {
		this.target = target;
		this.arrivals = new BlockingQueue[workers + 1];
		for (int i = 0; i < this.arrivals.length; i++) {
			this.arrivals[i] = new LinkedBlockingQueue<>();
		}
		this.watch = target.watch(TestData.prefix(target.tag(), 'w'), this::arrived);
		byte[] probeKey = TestData.key(target.tag(), 'w', workers);
		long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
		while (this.arrivals[workers].poll(200, TimeUnit.MILLISECONDS) == null) {
			if (System.nanoTime() > deadline) {
				close();
				throw new IllegalStateException(target.name() + "'s watch delivered nothing");
			}
			probe.put(probeKey);
		}
	}

	private void arrived(byte[] key) {
		long now = System.nanoTime();
		int index = TestData.index(key);
		if (index >= 0 && index < this.arrivals.length) {
			this.arrivals[index].offer(now);
		}
	}

	/**
	 * Put the worker's key and wait for its event.
	 * @return when the event reached the callback
	 */
	long putAndAwait(int worker, long startNanos) throws Exception {
		this.arrivals[worker].clear();
		this.target.putWatched(worker);
		Long arrival = this.arrivals[worker].poll(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (arrival == null) {
			throw new TimeoutException("no watch event within " + EVENT_TIMEOUT_SECONDS + " s");
		}
		return arrival;
	}

	@Override
	public void close() throws Exception {
		this.watch.close();
	}

	/**
	 * Puts a key through a client that is not measured.
	 */
	@FunctionalInterface
	interface Probe {

		void put(byte[] key) throws Exception;

	}

}
