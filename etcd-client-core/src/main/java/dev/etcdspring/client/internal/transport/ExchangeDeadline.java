package dev.etcdspring.client.internal.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * When the exchange in progress on a connection must end. Two threads share it: the one
 * that exchanges sets it and gives each read what is left of it, and the
 * {@link ConnectionWatchdog} ends the exchange once it is past. Setting it is two writes
 * of a field: no task is scheduled and nothing is allocated per request.
 */
final class ExchangeDeadline {

	/** {@link #watched} when no deadline is being watched. */
	private static final long UNWATCHED = 0;

	/** {@link #watched} once the watchdog ended the exchange. */
	private static final long ABORTED = Long.MIN_VALUE;

	private static final VarHandle WATCHED;

	static {
		try {
			WATCHED = MethodHandles.lookup().findVarHandle(ExchangeDeadline.class, "watched", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Whether reads are bounded by {@link #deadline} (not for an open stream). */
	private boolean bounded;

	/** When the exchange in progress must end, in {@link System#nanoTime()}. */
	private long deadline;

	/** The deadline the watchdog checks, {@link #UNWATCHED}, or {@link #ABORTED}. */
	@SuppressWarnings("unused") // through WATCHED
	private volatile long watched;

	/**
	 * Bound the exchange that follows: the answer must be complete before
	 * {@code deadline}, however slowly its bytes arrive.
	 * @param deadline the end of the exchange, in {@link System#nanoTime()}
	 */
	void set(long deadline) {
		this.bounded = true;
		this.deadline = deadline;
		long watch = (deadline == UNWATCHED || deadline == ABORTED) ? deadline + 1 : deadline;
		WATCHED.setVolatile(this, watch);
	}

	/**
	 * Stop watching the deadline.
	 * @return {@code false} when the watchdog already ended the exchange
	 */
	boolean unwatch() {
		return (long) WATCHED.getAndSet(this, UNWATCHED) != ABORTED;
	}

	/**
	 * End the exchange in progress if it is past its deadline; called by the watchdog.
	 * The compare-and-set makes sure that a later exchange on the connection, with a
	 * deadline of its own, is never the one ended.
	 * @param now the current {@link System#nanoTime()}
	 * @return whether this call ended the exchange
	 */
	boolean expire(long now) {
		long watch = (long) WATCHED.getVolatile(this);
		return watch != UNWATCHED && watch != ABORTED && now - watch >= 0
				&& WATCHED.compareAndSet(this, watch, ABORTED);
	}

	/**
	 * Return the deadline the watchdog checks, which names the exchange in progress for
	 * {@link #abort(long)}.
	 * @return the watched deadline, or a value {@link #abort(long)} never matches
	 */
	long watched() {
		return (long) WATCHED.getVolatile(this);
	}

	/**
	 * End the exchange in progress now, if it is the one whose {@link #watched()} value
	 * was {@code watch}: a later exchange on the connection is never the one ended.
	 * @param watch the value {@link #watched()} returned when the exchange began
	 * @return whether this call ended the exchange
	 */
	boolean abort(long watch) {
		return watch != UNWATCHED && watch != ABORTED && WATCHED.compareAndSet(this, watch, ABORTED);
	}

	/** From now on reads wait for as long as the stream lives. */
	void unbound() {
		this.bounded = false;
	}

	/**
	 * Return what is left of the deadline.
	 * @return at least one millisecond
	 * @throws SocketTimeoutException when nothing is left
	 */
	int remainingMillis() throws SocketTimeoutException {
		long remaining = this.deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new SocketTimeoutException("no time left before the deadline");
		}
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
	}

	/**
	 * Return the read timeout for the next read of the socket: what is left of the
	 * deadline, or 0 (none) for an open stream.
	 * @throws SocketTimeoutException when nothing is left
	 */
	int readTimeoutMillis() throws SocketTimeoutException {
		return this.bounded ? remainingMillis() : 0;
	}

}
