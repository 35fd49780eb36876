package dev.etcdspring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Closed-loop load: {@code concurrency} workers each call the operation, wait for its
 * answer and call again, until the measurement ends. The worker threads are created once
 * and reused by every client.
 */
final class LoadRunner implements AutoCloseable {

	private final ExecutorService pool;

	LoadRunner(int threads) {
		AtomicInteger count = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "bench-worker-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Run {@code operation} from {@code concurrency} workers for {@code duration}.
	 * @return the measurement, with latencies, CPU and allocation
	 */
	Sample measure(int concurrency, Duration duration, Operation operation) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		AtomicLong begin = new AtomicLong();
		long length = duration.toNanos();
		List<Future<WorkerResult>> workers = new ArrayList<>();
		for (int worker = 0; worker < concurrency; worker++) {
			int id = worker;
			workers.add(this.pool.submit(() -> {
				start.await();
				return loop(id, operation, begin.get() + length);
			}));
		}
		JvmMeter.Reading before = JvmMeter.read();
		begin.set(System.nanoTime());
		start.countDown();
		List<WorkerResult> results = new ArrayList<>();
		for (Future<WorkerResult> worker : workers) {
			results.add(join(worker));
		}
		long end = results.stream().mapToLong(WorkerResult::endNanos).max().orElse(begin.get());
		JvmMeter.Reading after = JvmMeter.read();
		long[] latencies = merge(results);
		Arrays.sort(latencies);
		long errors = results.stream().mapToLong(WorkerResult::errors).sum();
		String firstError = results.stream()
			.map(WorkerResult::firstError)
			.filter((error) -> error != null)
			.findFirst()
			.orElse(null);
		return new Sample(latencies.length, errors, end - begin.get(), percentile(latencies, 0.50),
				percentile(latencies, 0.99), after.cpuSince(before), after.allocatedSince(before), firstError);
	}

	private static WorkerResult loop(int worker, Operation operation, long deadline) {
		long[] latencies = new long[1024];
		int count = 0;
		long errors = 0;
		String firstError = null;
		long now = System.nanoTime();
		while (now < deadline) {
			try {
				long done = operation.run(worker, now);
				if (count == latencies.length) {
					latencies = Arrays.copyOf(latencies, count * 2);
				}
				latencies[count++] = done - now;
			}
			catch (Exception ex) {
				errors++;
				firstError = (firstError != null) ? firstError : ex.toString();
			}
			now = System.nanoTime();
		}
		return new WorkerResult(Arrays.copyOf(latencies, count), errors, firstError, now);
	}

	/**
	 * Run {@code total} tasks, {@code concurrency} at a time.
	 * @return the number of failed tasks
	 */
	long runAll(int concurrency, int total, Task task) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		List<Future<Long>> workers = new ArrayList<>();
		for (int worker = 0; worker < concurrency; worker++) {
			workers.add(this.pool.submit(() -> {
				long errors = 0;
				for (int index = next.getAndIncrement(); index < total; index = next.getAndIncrement()) {
					try {
						task.run(index);
					}
					catch (Exception ex) {
						errors++;
					}
				}
				return errors;
			}));
		}
		long errors = 0;
		for (Future<Long> worker : workers) {
			errors += join(worker);
		}
		return errors;
	}

	private static <T> T join(Future<T> future) throws InterruptedException {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Benchmark worker failed", ex.getCause());
		}
	}

	private static long[] merge(List<WorkerResult> results) {
		long[] all = new long[results.stream().mapToInt((result) -> result.latencies().length).sum()];
		int at = 0;
		for (WorkerResult result : results) {
			System.arraycopy(result.latencies(), 0, all, at, result.latencies().length);
			at += result.latencies().length;
		}
		return all;
	}

	/**
	 * Nearest-rank percentile of sorted values.
	 */
	static long percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

	/**
	 * One call of one worker.
	 */
	@FunctionalInterface
	interface Operation {

		/**
		 * Run once.
		 * @param worker the worker's index
		 * @param startNanos when the call started ({@link System#nanoTime()})
		 * @return when it completed (normally now; for a watch, when the event arrived)
		 */
		long run(int worker, long startNanos) throws Exception;

	}

	/**
	 * One task of {@link #runAll}.
	 */
	@FunctionalInterface
	interface Task {

		void run(int index) throws Exception;

	}

	private record WorkerResult(long[] latencies, long errors, @Nullable String firstError, long endNanos) {
	}

}
