package dev.etcdspring.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * One measurement of one client.
 *
 * @param ops completed operations (or keys, in the bulk scenario)
 * @param errors failed operations
 * @param elapsedNanos wall-clock time of the measurement
 * @param p50Nanos median latency, -1 when not measured
 * @param p99Nanos 99th percentile latency, -1 when not measured
 * @param cpuNanos CPU time of this JVM during the measurement, -1 when not measured
 * @param allocatedBytes bytes allocated by this JVM's threads, -1 when not measured
 * @param firstError the first failure, if any
 */
record Sample(long ops, long errors, long elapsedNanos, long p50Nanos, long p99Nanos, long cpuNanos,
		long allocatedBytes, @Nullable String firstError) {

	double opsPerSecond() {
		return (this.elapsedNanos > 0) ? this.ops * 1e9 / this.elapsedNanos : Double.NaN;
	}

	double p50Millis() {
		return (this.p50Nanos >= 0) ? this.p50Nanos / 1e6 : Double.NaN;
	}

	double p99Millis() {
		return (this.p99Nanos >= 0) ? this.p99Nanos / 1e6 : Double.NaN;
	}

	double cpuMicrosPerOp() {
		return (this.cpuNanos >= 0 && this.ops > 0) ? this.cpuNanos / 1e3 / this.ops : Double.NaN;
	}

	double allocatedKilobytesPerOp() {
		return (this.allocatedBytes >= 0 && this.ops > 0) ? this.allocatedBytes / 1024.0 / this.ops : Double.NaN;
	}

}
