package dev.etcdspring.client.internal.transport;

import java.io.InterruptedIOException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Lets another thread end a call in progress on the built-in HTTP client: its thread is
 * blocked in socket I/O, which ignores {@link Thread#interrupt()} (on platform threads),
 * so the cancelling thread closes the connection of the exchange in progress instead, as
 * {@link ConnectionWatchdog} does at a deadline. Calls made inside {@link #run(Supplier)}
 * register each exchange here; every other call pays one {@link ThreadLocal} read per
 * request and nothing else, and interrupting a thread outside of it changes nothing (a
 * lock's uninterruptible wait relies on that).
 * <p>
 * {@link #cancel()} and the start of an exchange race safely: the exchange is registered
 * before the flag is read, the flag set before the registration is read (both volatile),
 * so either the exchange sees the cancellation and is never sent, or the cancellation
 * sees the exchange and closes its connection. A connection that went back to the pool
 * meanwhile is never closed: the cancellation names the exchange by its deadline.
 *
 * @since 0.1.0
 */
public final class ExchangeCancellation {

	private static final ThreadLocal<@Nullable ExchangeCancellation> CURRENT = new ThreadLocal<>();

	/** The cancellation of shielded calls: never cancelled, it keeps others away. */
	private static final ExchangeCancellation SHIELD = new ExchangeCancellation();

	private volatile boolean cancelled;

	private volatile @Nullable Exchange exchange;

	/**
	 * Run {@code call} on this thread, its exchanges ended by {@link #cancel()}.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	public <T> T run(Supplier<T> call) {
		ExchangeCancellation outer = CURRENT.get();
		CURRENT.set(this);
		try {
			return call.get();
		}
		finally {
			this.exchange = null;
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * End the exchange in progress, if any, and keep the call from sending any other: it
	 * fails at once (its failure is of no interest: the caller gave up on it).
	 * Idempotent; any thread.
	 */
	public void cancel() {
		this.cancelled = true;
		Exchange current = this.exchange;
		if (current != null) {
			current.connection().cancelExchange(current.deadline());
		}
	}

	/**
	 * Run {@code call} on this thread beyond the reach of the thread's own cancellation
	 * and interrupts: a call that carries other callers' requests too (a coalesced batch)
	 * must not end because the thread's own caller gave up. An interrupt that arrives
	 * meanwhile is kept for after it.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	public static <T> T shielded(Supplier<T> call) {
		ExchangeCancellation outer = CURRENT.get();
		CURRENT.set(SHIELD);
		try {
			return call.get();
		}
		finally {
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * Return whether the current thread runs a {@link #shielded(Supplier) shielded} call,
	 * which waits out an interrupt instead of ending.
	 */
	static boolean currentIsShielded() {
		return CURRENT.get() == SHIELD;
	}

	/**
	 * Return whether {@link #cancel()} was called.
	 * @return whether the call was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Return whether the current thread runs a call that was cancelled: a cancelled call
	 * is not retried.
	 */
	static boolean currentIsCancelled() {
		ExchangeCancellation current = CURRENT.get();
		return current != null && current.cancelled;
	}

	/** The cancellation of the current thread's call, or {@code null}. */
	static @Nullable ExchangeCancellation current() {
		ExchangeCancellation current = CURRENT.get();
		// a shielded call's exchanges are ended by no one: nothing to register
		return (current != SHIELD) ? current : null;
	}

	/**
	 * An exchange on {@code connection}, whose deadline is set, is about to send.
	 * @throws RequestNotSentException when the call was cancelled already
	 */
	void attach(HttpConnection connection) throws RequestNotSentException {
		this.exchange = new Exchange(connection, connection.exchangeDeadline());
		if (this.cancelled) {
			this.exchange = null;
			throw new RequestNotSentException(new InterruptedIOException("the call was cancelled"));
		}
	}

	/** The exchange is over: its connection may serve another call now. */
	void detach() {
		this.exchange = null;
	}

	/** An exchange in progress, named by its connection and deadline. */
	private record Exchange(HttpConnection connection, long deadline) {

	}

}
