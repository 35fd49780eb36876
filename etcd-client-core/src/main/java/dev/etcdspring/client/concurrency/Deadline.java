package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When a wait must end, on {@link System#nanoTime()}'s clock, or never.
 */
record Deadline(long nanos, boolean bounded) {

	static Deadline none() {
		return new Deadline(0, false);
	}

	static Deadline after(long time, TimeUnit unit) {
		// TimeUnit saturates at Long.MAX_VALUE: a huge timeout is no timeout
		long timeout = Math.max(0, unit.toNanos(time));
		if (timeout > TimeUnit.DAYS.toNanos(365)) {
			return none();
		}
		return new Deadline(System.nanoTime() + timeout, true);
	}

	static Deadline within(Duration timeout, String what) {
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalArgumentException(what + " must be zero or positive, was " + timeout);
		}
		// toNanos() overflows for durations beyond 292 years
		return (timeout.toDays() > 365) ? none() : after(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	long remainingNanos() {
		return this.bounded ? this.nanos - System.nanoTime() : Long.MAX_VALUE;
	}

	boolean passed() {
		return remainingNanos() <= 0;
	}

}
