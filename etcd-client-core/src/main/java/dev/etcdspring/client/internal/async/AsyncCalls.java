package dev.etcdspring.client.internal.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs synchronous calls of the client as {@link AsyncCall}s on an executor: the
 * application's, or a default one ({@link AsyncExecutors}) that closes with the client.
 *
 * @since 0.1.0
 */
public final class AsyncCalls implements AutoCloseable {

	private final Executor executor;

	/** The executor this object created, shut down with it; not the application's. */
	private final @Nullable ExecutorService ownExecutor;

	private volatile boolean closed;

	/**
	 * Create the calls' runner.
	 * @param executor the application's executor, or {@code null} for the default one
	 * @param threadPrefix the names of the default executor's threads
	 */
	public AsyncCalls(@Nullable Executor executor, String threadPrefix) {
		this.ownExecutor = (executor != null) ? null : AsyncExecutors.create(threadPrefix);
		this.executor = (executor != null) ? executor : this.ownExecutor;
	}

	/**
	 * Run {@code operation}, which returns nothing, on the executor.
	 * @param operation a synchronous call of the client
	 * @return completed when it ends, or with the exception it threw; cancelling it
	 * aborts it
	 */
	public CompletableFuture<Void> run(Runnable operation) {
		return submit(() -> {
			operation.run();
			return null;
		});
	}

	/**
	 * Run {@code operation} on the executor.
	 * @param <T> the result type
	 * @param operation a synchronous call of the client
	 * @return its result, or the exception it threw; cancelling it aborts it
	 */
	public <T> CompletableFuture<T> submit(Supplier<? extends T> operation) {
		AsyncCall<T> call = new AsyncCall<>(operation, this::isClosed);
		if (this.closed) {
			call.abandon(closedFailure());
			return call;
		}
		try {
			this.executor.execute(call);
		}
		catch (RejectedExecutionException ex) {
			call.abandon(this.closed ? closedFailure()
					: new IllegalStateException("The executor of asynchronous etcd calls rejected this one", ex));
		}
		return call;
	}

	private boolean isClosed() {
		return this.closed;
	}

	static IllegalStateException closedFailure() {
		return new IllegalStateException("The EtcdClient is closed: the call was not sent");
	}

	/**
	 * Refuse further calls, fail those still waiting for a thread of the default executor
	 * and shut it down; an application's executor is left alone (calls queued there fail
	 * when they start).
	 */
	@Override
	public void close() {
		this.closed = true;
		if (this.ownExecutor != null) {
			for (Runnable waiting : this.ownExecutor.shutdownNow()) {
				if (waiting instanceof AsyncCall<?> call) {
					call.abandon(closedFailure());
				}
			}
		}
	}

	@Override
	public String toString() {
		return "AsyncCalls[executor=" + ((this.ownExecutor != null) ? "default" : this.executor) + "]";
	}

}
