package dev.etcdspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and allocation of this whole JVM. Every client runs in it, one at a time, so a
 * reading taken around one client's measurement is that client's cost, plus the harness's
 * own (small, the same for all) and GC and JIT work.
 */
final class JvmMeter {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private JvmMeter() {
	}

	static Reading read() {
		long[] ids = THREADS.getAllThreadIds();
		long[] allocated = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
		for (int i = 0; i < ids.length; i++) {
			if (allocated[i] >= 0) {
				byThread.put(ids[i], allocated[i]);
			}
		}
		return new Reading(OS.getProcessCpuTime(), byThread);
	}

	/**
	 * A reading of the process CPU time and of each live thread's allocation counter.
	 *
	 * @param cpuNanos process CPU time
	 * @param allocatedByThread allocated bytes by thread id
	 */
	record Reading(long cpuNanos, Map<Long, Long> allocatedByThread) {

		long cpuSince(Reading before) {
			return this.cpuNanos - before.cpuNanos;
		}

		/**
		 * Bytes allocated since {@code before} by threads alive now (threads that ended
		 * in between are missed, threads started in between count from zero).
		 */
		long allocatedSince(Reading before) {
			long total = 0;
			for (Map.Entry<Long, Long> entry : this.allocatedByThread.entrySet()) {
				total += entry.getValue() - before.allocatedByThread.getOrDefault(entry.getKey(), 0L);
			}
			return total;
		}

	}

}
