package dev.etcdspring.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.etcdspring.client.async.AsyncKvClient;
import dev.etcdspring.client.async.AsyncLeaseClient;

/**
 * The client's unary operations as {@link CompletableFuture}s. Each call runs the
 * synchronous operation on the client's async executor (see
 * {@link EtcdClientBuilder#asyncExecutor(java.util.concurrent.Executor)}), over the same
 * transport, with the same timeouts, failover and write-safety rules. <pre class="code">
 * client.async().kv().put(PutRequest.of(key, value))
 *     .thenAccept((put) -&gt; log.info("at revision " + put.header().revision()));
 * client.async().call((etcd) -&gt; etcd.cluster().members());
 * </pre>
 * <p>
 * <b>Errors.</b> A future fails with exactly the exception the synchronous call throws:
 * an {@link dev.etcdspring.client.exception.EtcdException} subclass, or
 * {@link IllegalArgumentException} for bad input. {@link CompletableFuture#get()} wraps
 * it in an {@link ExecutionException}, {@link CompletableFuture#join()} and dependent
 * stages in a {@link CompletionException}; {@link #unwrap(Throwable)} and
 * {@link #join(CompletableFuture)} give the original back. A call made after the client
 * was closed fails with {@link IllegalStateException}, and so does one that the executor
 * rejected ({@link java.util.concurrent.RejectedExecutionException}).
 * <p>
 * <b>Cancellation.</b> {@link CompletableFuture#cancel(boolean) cancel} on a future
 * returned here (not on a stage derived from it: those do not propagate to it):
 * <ul>
 * <li>before the call started: it is never sent;</li>
 * <li>while it runs, with {@code cancel(true)}: its thread is interrupted and, on the
 * built-in transport, its HTTP exchange is aborted at once (its connection closed), so
 * the thread is free within milliseconds. A cancelled write may or may not have been
 * applied: its outcome is unknown, as for
 * {@link dev.etcdspring.client.exception.EtcdOutcomeUnknownException}. On the
 * {@code RestClient} transport the calling thread is freed as well, but the exchange
 * itself runs on in the HTTP stack until it answers or its request factory times out (the
 * JDK's {@code HttpClient} stops when interrupted, others do not);</li>
 * <li>while it runs, with {@code cancel(false)}: the call runs to its end, and its result
 * is dropped.</li>
 * </ul>
 * A cancelled {@link AsyncKvClient#bulk bulk} write sends no further transaction; those
 * already sent may be applied. {@code orTimeout(...)} does not cancel a call: the request
 * timeout bounds every call anyway.
 *
 * @since 0.1.0
 */
public interface EtcdAsync {

	/**
	 * Run any unary operation of the client asynchronously, including those of
	 * {@code cluster()} and the operations of the client's other facades: the operation
	 * must not start a watch or keep-alive whose handle outlives it.
	 * @param <T> the result type
	 * @param operation what to do with the client, on the async executor
	 * @return the operation's result
	 * @throws IllegalArgumentException when {@code operation} is {@code null}
	 */
	<T> CompletableFuture<T> call(Function<? super EtcdClient, ? extends T> operation);

	/**
	 * Run a unary operation without a result asynchronously.
	 * @param operation what to do with the client, on the async executor
	 * @return completed when the operation is done
	 * @throws IllegalArgumentException when {@code operation} is {@code null}
	 */
	CompletableFuture<Void> run(Consumer<? super EtcdClient> operation);

	/**
	 * Return the key-value API, asynchronously.
	 * @return the KV operations
	 */
	AsyncKvClient kv();

	/**
	 * Return the lease API, asynchronously.
	 * @return the lease operations
	 */
	AsyncLeaseClient leases();

	/**
	 * Return the exception a future failed with: {@code failure} without the
	 * {@link CompletionException}s and {@link ExecutionException}s that wrap it.
	 * @param failure what {@code get()}, {@code join()} or a stage's callback saw
	 * @return the original exception ({@code failure} itself when nothing wraps it)
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Wait for a future and return its result, or throw the exception it failed with,
	 * unwrapped: what the synchronous call would have thrown.
	 * @param <T> the result type
	 * @param future the future
	 * @return its result
	 * @throws CancellationException when it was cancelled
	 */
	static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			Throwable original = unwrap(ex);
			if (original instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (original instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

}
