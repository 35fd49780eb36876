package dev.etcdspring.client.internal.watch;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * When the watch engine tries again after its stream failed, and what it logs about it.
 * <p>
 * The backoff (100 ms, doubling up to 5 s) starts over only once etcd has confirmed a
 * watch on a new stream: etcd opens a stream even to refuse every watch on it at once (no
 * credentials, say), and starting over on the opening retried such a stream every 100 ms.
 * <p>
 * An outage lasts from a failure to that confirmation. Its first failure is logged at
 * INFO, or WARN when it needs attention (authentication, no stream could be opened); a
 * later one only when it needs attention and nothing logged so far did, and otherwise at
 * DEBUG, with a WARN reminder every {@link #REMINDER_INTERVAL} while it lasts. Its end is
 * one INFO line: where the watches resumed, after how long and how many failures. An
 * outage thus costs about a line a minute, not one per attempt.
 */
final class WatchStreamRetries {

	// the engine's logger: these lines are about its stream
	private static final Log logger = LogFactory.getLog(WatchEngine.class);

	static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

	/**
	 * The first retry comes soon: a stream mostly breaks because its member went away,
	 * another member can usually serve at once, and every event in between is delivered
	 * late.
	 */
	private static final long FIRST_RETRY_MILLIS = 100;

	/** Each failure in a row doubles the delay, the usual exponential backoff. */
	private static final double BACKOFF_MULTIPLIER = 2;

	/**
	 * The longest delay: an outage costs at most one stream request every 5 s, and the
	 * watches resume at most 5 s after etcd can serve them again.
	 */
	private static final long MAX_RETRY_MILLIS = 5_000;

	private final ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_MILLIS, BACKOFF_MULTIPLIER);

	private final long reminderNanos;

	private final LongSupplier nanoClock;

	private BackOffExecution execution;

	/** Failures since the stream last worked; 0 when there is no outage. */
	private int failures;

	private long outageStart;

	private long lastShown;

	private boolean warned;

	WatchStreamRetries() {
		this(REMINDER_INTERVAL, System::nanoTime);
	}

	WatchStreamRetries(Duration reminderInterval, LongSupplier nanoClock) {
		this.backOff.setMaxInterval(MAX_RETRY_MILLIS);
		this.execution = this.backOff.start();
		this.reminderNanos = reminderInterval.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * The stream failed, or could not be opened: log it and return when to try again.
	 * @param failure what happened, for the log
	 * @param attention whether it needs someone's attention rather than time
	 * @return the delay before the next attempt, in milliseconds
	 */
	synchronized long failed(String failure, boolean attention) {
		long delay = nextDelay();
		record(failure + "; retrying in " + delay + " ms", attention);
		return delay;
	}

	/**
	 * The stream failed and the engine moves on at once (the member stopped answering).
	 * @param failure what happened, for the log
	 * @param attention whether it needs someone's attention rather than time
	 */
	synchronized void failedOver(String failure, boolean attention) {
		record(failure, attention);
	}

	/**
	 * Return the next delay, without logging (a failed read that is retried alone).
	 * @return the delay in milliseconds
	 */
	synchronized long nextDelay() {
		long delay = this.execution.nextBackOff();
		return (delay == BackOffExecution.STOP) ? this.backOff.getMaxInterval() : delay;
	}

	/**
	 * etcd confirmed a watch on the stream from {@code endpoint}: it works.
	 * @param endpoint the member serving the stream
	 */
	synchronized void confirmed(String endpoint) {
		this.execution = this.backOff.start();
		if (this.failures > 0) {
			logger.info("etcd watches resumed on " + endpoint + " after " + seconds(elapsed()) + " and "
					+ attempts(this.failures));
			this.failures = 0;
		}
	}

	/** No watch needs a stream any more: an outage ends unnoticed. */
	synchronized void idle() {
		this.failures = 0;
	}

	private void record(String failure, boolean attention) {
		long now = this.nanoClock.getAsLong();
		if (this.failures++ == 0) {
			this.outageStart = now;
			this.warned = false;
			show(failure, attention, now);
		}
		else if (attention && !this.warned) {
			show(failure, true, now);
		}
		else if (now - this.lastShown >= this.reminderNanos) {
			show("etcd watches have not resumed for " + seconds(elapsed()) + " (" + attempts(this.failures)
					+ "); the latest failure: " + failure, true, now);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(failure + " (failure " + this.failures + " in " + seconds(elapsed()) + ")");
		}
	}

	private void show(String message, boolean warn, long now) {
		this.lastShown = now;
		if (warn) {
			this.warned = true;
			logger.warn(message);
		}
		else {
			logger.info(message);
		}
	}

	private long elapsed() {
		return this.nanoClock.getAsLong() - this.outageStart;
	}

	private static String attempts(int failures) {
		return failures + ((failures == 1) ? " failed attempt" : " failed attempts");
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
	}

}
