package dev.etcdspring.client.internal.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link GatewayHttp} on Spring's {@link RestClient}: the request body is written as it
 * is (a streaming body, not a message converter), and the answer's bytes are read as they
 * are. Spring's exceptions become the {@link IOException}s the gateway protocol expects,
 * with {@link RequestNotSentException} where the request surely never left.
 */
final class RestClientGatewayHttp implements GatewayHttp {

	/**
	 * How much of an error answer on a stream is read for its message: etcd's error is a
	 * short JSON object, so this is far more than it needs.
	 */
	private static final int MAX_ERROR_BYTES = 64 * 1024;

	private final RestClient calls;

	private final RestClient streams;

	/** Run the exchanges, each bounded by its caller's timeout (see bounded). */
	private final ExecutorService exchanges = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "etcd-rest-client");
		thread.setDaemon(true);
		return thread;
	});

	private final long maxAnswerBytes;

	RestClientGatewayHttp(RestClient calls, RestClient streams, long maxAnswerBytes) {
		this.calls = calls;
		this.streams = streams;
		this.maxAnswerBytes = maxAnswerBytes;
	}

	@Override
	public GatewayHttp.Answer post(String endpoint, String path, byte[] body, @Nullable String token, Duration timeout)
			throws IOException {
		return bounded(endpoint, timeout,
				() -> request(this.calls, endpoint, path, body, token).exchange((request, response) -> {
					try (InputStream in = response.getBody()) {
						return new GatewayHttp.Answer(response.getStatusCode().value(), readBounded(in));
					}
				}, true), (answer) -> {
					// a complete answer holds nothing open
				});
	}

	@Override
	public GatewayHttp.StreamAnswer openStream(String endpoint, String path, byte[] body, @Nullable String token,
			Duration openTimeout) throws IOException {
		return bounded(endpoint, openTimeout,
				() -> request(this.streams, endpoint, path, body, token)
					.exchange((request, response) -> streamAnswer(response), false),
				RestClientGatewayHttp::closeQuietly);
	}

	/**
	 * Run one exchange on a thread of its own and wait at most {@code timeout}: request
	 * factories bound reads by their own timeouts, if any (none for watch streams), and
	 * not the whole exchange, while the watch engine's probe and the request timeout need
	 * exactly that. An exchange that answers after all is handed to {@code abandon}.
	 */
	private <T> T bounded(String endpoint, Duration timeout, Supplier<T> exchange, Consumer<T> abandon)
			throws IOException {
		InterruptibleExchange<T> running = new InterruptibleExchange<>(exchange);
		CompletableFuture<T> answer;
		try {
			answer = CompletableFuture.supplyAsync(running, this.exchanges);
		}
		catch (RejectedExecutionException ex) {
			throw new RequestNotSentException("the etcd client is closed", ex);
		}
		try {
			return ExchangeCancellation.currentIsShielded() ? awaitShielded(answer, timeout)
					: answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			answer.thenAccept(abandon);
			throw new SocketTimeoutException("no answer from " + endpoint + " within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RestClientException rest) ? ioFailure(rest)
					: new IOException("etcd exchange failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// the caller gave up (a cancelled asynchronous call): so does the exchange,
			// where the request factory allows (the JDK's cancels its request when
			// interrupted)
			running.interrupt();
			answer.thenAccept(abandon);
			throw new InterruptedIOException("interrupted while waiting for etcd at " + endpoint);
		}
	}

	/**
	 * Wait for a shielded exchange (a coalesced batch) to the end of its timeout,
	 * interrupts or not: other callers wait for its answer. The interrupt is kept.
	 */
	private static <T> T awaitShielded(CompletableFuture<T> answer, Duration timeout)
			throws ExecutionException, TimeoutException {
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Read a whole answer, but never more than the limit: a member that sends without end
	 * must not fill the heap (the built-in client bounds answers the same way).
	 */
	private byte[] readBounded(InputStream in) throws IOException {
		byte[] answer = in.readNBytes((int) Math.min(this.maxAnswerBytes + 1, GatewaySettings.MAX_ANSWER_BYTES_LIMIT));
		if (answer.length > this.maxAnswerBytes) {
			throw new AnswerTooLargeException(this.maxAnswerBytes, -1, false);
		}
		return answer;
	}

	private GatewayHttp.StreamAnswer streamAnswer(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		if (!GatewayHttp.isSuccess(status)) {
			try (response; InputStream in = response.getBody()) {
				return new GatewayHttp.StreamAnswer(status, in.readNBytes(MAX_ERROR_BYTES), null);
			}
		}
		StreamBody body = new StreamBody(response, this.exchanges);
		return new GatewayHttp.StreamAnswer(status, new byte[0],
				new WatchMessageLimit(body, this.maxAnswerBytes, body::close));
	}

	/**
	 * An exchange that the caller can interrupt while, and only while, it runs: the
	 * interrupt never reaches the pool thread's next exchange.
	 */
	private static final class InterruptibleExchange<T> implements Supplier<T> {

		private final Supplier<T> exchange;

		private @Nullable Thread runner;

		private boolean interrupted;

		InterruptibleExchange(Supplier<T> exchange) {
			this.exchange = exchange;
		}

		@Override
		public T get() {
			synchronized (this) {
				if (this.interrupted) {
					throw new CancellationException("the caller stopped waiting before the exchange started");
				}
				this.runner = Thread.currentThread();
			}
			try {
				return this.exchange.get();
			}
			finally {
				synchronized (this) {
					this.runner = null;
					// an interrupt meant for this exchange, and no other
					Thread.interrupted();
				}
			}
		}

		synchronized void interrupt() {
			this.interrupted = true;
			if (this.runner != null) {
				this.runner.interrupt();
			}
		}

	}

	/**
	 * A watch stream's body, whose {@code close()} ends the exchange without reading it
	 * to the end: a watch stream never ends, and the request factories' own
	 * {@code response.close()} drain the rest of a body before they let go of it (the
	 * JDK's and Apache HttpClient's do), which would block forever.
	 */
	private static final class StreamBody extends FilterInputStream {

		private final ClientHttpResponse response;

		private final ExecutorService closer;

		StreamBody(ClientHttpResponse response, ExecutorService closer) throws IOException {
			super(response.getBody());
			this.response = response;
			this.closer = closer;
		}

		@Override
		public void close() {
			abortApacheConnection(this.in);
			try {
				// the JDK's and Jetty's streams cancel the exchange when closed
				this.in.close();
			}
			catch (IOException ex) {
				// a broken stream: the exchange is over anyway
			}
			try {
				// what is left of the response, off the caller's thread: should a stack
				// still drain, only that thread waits, never the watch engine
				this.closer.execute(this.response::close);
			}
			catch (RejectedExecutionException ex) {
				// the client is closing: its HTTP stack goes with it
			}
		}

		/**
		 * Apache HttpClient's body stream reads a chunked body to its end when closed,
		 * but can drop the connection instead: {@code abort()} in version 5,
		 * {@code abortConnection()} in version 4. Called by name, so that Apache
		 * HttpClient stays an optional choice of the application.
		 */
		private static void abortApacheConnection(InputStream body) {
			for (String name : List.of("abort", "abortConnection")) {
				Method abort = ReflectionUtils.findMethod(body.getClass(), name);
				if (abort != null && Modifier.isPublic(abort.getModifiers())) {
					try {
						abort.invoke(body);
						return;
					}
					catch (ReflectiveOperationException | RuntimeException ex) {
						// closing below still ends the exchange, if more slowly
					}
				}
			}
		}

	}

	private static RestClient.RequestBodySpec request(RestClient client, String endpoint, String path, byte[] body,
			@Nullable String token) {
		return client.post().uri(URI.create(endpoint + "/v3/" + path)).headers((headers) -> {
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.setContentLength(body.length);
			headers.set(GatewayTransport.REQUIRE_LEADER_HEADER, "true");
			if (token != null) {
				// etcd wants the bare token, no "Bearer"
				headers.set(HttpHeaders.AUTHORIZATION, token);
			}
		}).body((out) -> out.write(body));
	}

	/**
	 * The I/O failure behind Spring's exception, re-cast where the request surely never
	 * left (connect, name lookup, TLS handshake) or where the HTTP stack has a timeout of
	 * its own type.
	 */
	private static IOException ioFailure(RestClientException failure) {
		Throwable cause = (failure instanceof ResourceAccessException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
				|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
				|| cause instanceof SSLHandshakeException) {
			return new RequestNotSentException((IOException) cause);
		}
		if (cause instanceof HttpTimeoutException timeout) {
			SocketTimeoutException timedOut = new SocketTimeoutException(timeout.getMessage());
			timedOut.initCause(timeout);
			return timedOut;
		}
		return (cause instanceof IOException io) ? io : new IOException(failure.getMessage(), failure);
	}

	private static void closeQuietly(GatewayHttp.StreamAnswer answer) {
		if (answer.body() != null) {
			try {
				answer.body().close();
			}
			catch (IOException ex) {
				// nothing was read from it: nothing is lost
			}
		}
	}

	@Override
	public void closeIdleConnections(String endpoint) {
		// the request factory owns the connections and evicts them by its own rules
	}

	@Override
	public void close() {
		this.exchanges.shutdownNow();
	}

}
