package dev.etcdspring.client.internal.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.etcdspring.client.internal.transport.ExchangeCancellation;
import org.jspecify.annotations.Nullable;

/**
 * One asynchronous call: the future the caller holds, and the task the executor runs.
 * <p>
 * {@link #cancel(boolean)} does what {@link CompletableFuture}'s own does not: a call
 * cancelled before it started is never run, and {@code cancel(true)} on a running one
 * interrupts its thread and aborts its HTTP exchange ({@link ExchangeCancellation}), so
 * that the thread is free at once instead of waiting for an answer nobody reads. The
 * states follow {@link java.util.concurrent.FutureTask}'s: the interrupt lands while the
 * call runs, never on the executor's next task.
 */
final class AsyncCall<T> extends CompletableFuture<T> implements Runnable {

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	/** Cancelled before it started: it never runs. */
	private static final int CANCELLED = 2;

	/** A {@code cancel(true)} is interrupting the running call. */
	private static final int INTERRUPTING = 3;

	private static final int FINISHED = 4;

	private final AtomicInteger state = new AtomicInteger(NEW);

	private final ExchangeCancellation cancellation = new ExchangeCancellation();

	private final Supplier<? extends T> operation;

	private final BooleanSupplier clientClosed;

	private volatile @Nullable Thread runner;

	AsyncCall(Supplier<? extends T> operation, BooleanSupplier clientClosed) {
		this.operation = operation;
		this.clientClosed = clientClosed;
	}

	@Override
	public void run() {
		this.runner = Thread.currentThread();
		if (!this.state.compareAndSet(NEW, RUNNING)) {
			this.runner = null;
			return;
		}
		try {
			if (this.clientClosed.getAsBoolean()) {
				completeExceptionally(AsyncCalls.closedFailure());
			}
			else if (!isDone()) {
				complete(this.cancellation.run(this.operation));
			}
		}
		catch (Throwable ex) {
			// exactly what the synchronous call threw, an Error too: the future must end
			completeExceptionally(ex);
		}
		finally {
			if (!this.state.compareAndSet(RUNNING, FINISHED)) {
				// cancel(true) is interrupting this thread: let it finish, then clear the
				// interrupt, which was meant for this call alone
				while (this.state.get() == INTERRUPTING) {
					Thread.onSpinWait();
				}
				Thread.interrupted();
			}
			this.runner = null;
		}
	}

	/**
	 * Cancel the call: one not started yet never runs; a running one, when
	 * {@code mayInterruptIfRunning}, is interrupted and its HTTP exchange aborted.
	 * @param mayInterruptIfRunning whether to end a running call
	 * @return whether the future was cancelled by this call
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		if (!super.cancel(mayInterruptIfRunning)) {
			return false;
		}
		if (this.state.compareAndSet(NEW, CANCELLED)) {
			return true;
		}
		if (mayInterruptIfRunning && this.state.compareAndSet(RUNNING, INTERRUPTING)) {
			try {
				this.cancellation.cancel();
				Thread thread = this.runner;
				if (thread != null) {
					thread.interrupt();
				}
			}
			finally {
				this.state.set(FINISHED);
			}
		}
		return true;
	}

	/**
	 * Fail a call that the executor will never run (the client closed it).
	 * @param failure the failure
	 */
	void abandon(Throwable failure) {
		if (this.state.compareAndSet(NEW, CANCELLED)) {
			completeExceptionally(failure);
		}
	}

}
