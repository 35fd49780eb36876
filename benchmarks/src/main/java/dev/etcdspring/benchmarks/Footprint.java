package dev.etcdspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client costs the JVM just by existing and having served a few calls: retained
 * heap (after GC), threads and loaded classes.
 *
 * @param heapBytes heap in use after a full GC
 * @param threads live threads
 * @param classes loaded classes
 */
record Footprint(long heapBytes, int threads, long classes) {

	static Footprint take() {
		for (int i = 0; i < 2; i++) {
			System.gc();
		}
		return new Footprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
				ManagementFactory.getThreadMXBean().getThreadCount(),
				ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
	}

	Footprint minus(Footprint before) {
		return new Footprint(this.heapBytes - before.heapBytes, this.threads - before.threads,
				this.classes - before.classes);
	}

	/**
	 * Count the live threads by name, digits folded ({@code HttpClient-N-Worker-N}).
	 */
	static Map<String, Integer> threadsByName() {
		Map<String, Integer> groups = new TreeMap<>();
		Thread.getAllStackTraces()
			.keySet()
			.forEach((thread) -> groups.merge(thread.getName().replaceAll("\\d+", "N"), 1, Integer::sum));
		return groups;
	}

}
