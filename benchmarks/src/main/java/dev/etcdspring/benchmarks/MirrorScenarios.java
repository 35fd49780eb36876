package dev.etcdspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.mirror.EtcdMirror;

/**
 * The {@code EtcdMirror} scenarios: reads from a mirror of a prefix ({@link Reads}), and
 * the time from a put to the moment a mirror on another client has it
 * ({@link Visibility}).
 */
final class MirrorScenarios {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private MirrorScenarios() {
	}

	private static EtcdMirror start(Target target, char kind) {
		EtcdMirror mirror = target.mirror(TestData.prefix(target.tag(), kind));
		if (!mirror.awaitReady(READY_TIMEOUT)) {
			mirror.close();
			throw new IllegalStateException(target.name() + "'s mirror did not load");
		}
		return mirror;
	}

	/**
	 * Reads of the get scenarios' keys from a mirror of their prefix. A read takes well
	 * under a microsecond, so each call reads {@link #BATCH} times: recording every read
	 * would fill the heap, and the clock would cost more than the read.
	 * {@link #perRead(Sample)} turns a measurement of calls into one of reads.
	 */
	static final class Reads implements AutoCloseable {

		static final int BATCH = 100;

		private final EtcdMirror mirror;

		private final String[] keys;

		Reads(Target target, int workers) {
			this.keys = new String[workers];
			for (int worker = 0; worker < workers; worker++) {
				this.keys[worker] = new String(target.getKey(worker), StandardCharsets.US_ASCII);
			}
			this.mirror = start(target, 'g');
		}

		long read(int worker, long startNanos) {
			String key = this.keys[worker];
			for (int i = 0; i < BATCH; i++) {
				if (this.mirror.getKeyValue(key).isEmpty()) {
					throw new IllegalStateException("missing key " + key);
				}
			}
			return System.nanoTime();
		}

		/**
		 * Count each read as an operation; the latencies become those of a call divided
		 * by {@link #BATCH} (the mean read of each call).
		 */
		static Sample perRead(Sample calls) {
			return new Sample(calls.ops() * BATCH, calls.errors(), calls.elapsedNanos(), calls.p50Nanos() / BATCH,
					calls.p99Nanos() / BATCH, calls.cpuNanos(), calls.allocatedBytes(), calls.firstError());
		}

		@Override
		public void close() {
			this.mirror.close();
		}

	}

	/**
	 * Put to visible: a writer (another client of ours, not the mirror's) puts one key;
	 * the latency runs from before the put to the moment the mirror's listener is told of
	 * a revision at least the put's (on the mirror's delivery thread, after the new state
	 * is readable). One put at a time.
	 */
	static final class Visibility implements AutoCloseable {

		private static final long TIMEOUT_SECONDS = 5;

		private final EtcdClient writer;

		private final byte[] key;

		private final BlockingQueue<long[]> changes = new LinkedBlockingQueue<>();

		private final EtcdMirror mirror;

		Visibility(Target target, EtcdClient writer) {
			this.writer = writer;
			this.key = TestData.key(target.tag(), 'v', 0);
			this.mirror = start(target, 'v');
			this.mirror
				.addListener((change) -> this.changes.offer(new long[] { change.revision(), System.nanoTime() }));
		}

		long putAndAwait(int worker, long startNanos) throws Exception {
			this.changes.clear();
			long revision = this.writer.kv().put(PutRequest.of(this.key, TestData.VALUE_A)).header().revision();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
			while (true) {
				long[] change = this.changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (change == null) {
					throw new TimeoutException("revision " + revision + " not in the mirror within " + TIMEOUT_SECONDS
							+ " s (at " + this.mirror.revision() + ")");
				}
				if (change[0] >= revision) {
					return change[1];
				}
			}
		}

		@Override
		public void close() {
			this.mirror.close();
		}

	}

}
