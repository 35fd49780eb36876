package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 client for etcd's gateway: {@code POST}s with JSON bodies over pooled
 * keep-alive connections, and long-lived streams for watches.
 * <p>
 * Why not a general-purpose client: the client's own CPU per request decides how close we
 * get to what the gateway can serve (BENCHMARKS.md). Apache HttpClient 5 under
 * {@code RestClient} spent most of it on header maps, URI parsing and interceptor chains
 * that a fixed {@code POST} to a known member does not need. Here, each request is one
 * write of a cached head plus the body, and each answer one parse of a few header lines,
 * on the caller's thread: no hand-off, and a watch stream is read by the thread that
 * consumes it.
 * <p>
 * Nothing here logs a header or a body: they hold the password and the auth token.
 */
final class GatewayHttpClient implements GatewayHttp {

	private static final Log logger = LogFactory.getLog(GatewayHttpClient.class);

	/**
	 * Idle connections kept per member; more are closed when returned. Room for the
	 * connections of a few hundred concurrent calls (the benchmarks run 64), so that the
	 * next burst finds them open, and still a bound.
	 */
	private static final int MAX_IDLE_PER_MEMBER = 256;

	/**
	 * A connection idle for longer is checked before reuse (see HttpConnection): the
	 * check costs a read with a timeout, so a connection in steady use skips it, and a
	 * member that restarted a second ago is rare.
	 */
	static final Duration VALIDATE_AFTER = Duration.ofSeconds(1);

	/**
	 * How much of an error answer on a stream is read for its message: etcd's error is a
	 * short JSON object, so this is far more than it needs.
	 */
	private static final int MAX_ERROR_BYTES = 64 * 1024;

	private final Duration connectTimeout;

	private final @Nullable SSLContext sslContext;

	private final long maxAnswerBytes;

	private final Map<String, MemberPool> pools = new ConcurrentHashMap<>();

	private final ConnectionWatchdog watchdog = new ConnectionWatchdog();

	private volatile @Nullable SSLSocketFactory tlsSockets;

	private volatile boolean closed;

	GatewayHttpClient(Duration connectTimeout, @Nullable SSLContext sslContext) {
		this(connectTimeout, sslContext, GatewaySettings.DEFAULT_MAX_ANSWER_BYTES);
	}

	/**
	 * Create a client.
	 * @param connectTimeout the time for a connect and TLS handshake together
	 * @param sslContext the TLS settings for {@code https}, or {@code null} for the JDK's
	 * @param maxAnswerBytes the largest answer body, and the largest message of a stream,
	 * accepted
	 */
	GatewayHttpClient(Duration connectTimeout, @Nullable SSLContext sslContext, long maxAnswerBytes) {
		this.connectTimeout = connectTimeout;
		this.sslContext = sslContext;
		this.maxAnswerBytes = maxAnswerBytes;
	}

	/**
	 * Post {@code body} to {@code /v3/path} and read the whole answer.
	 * @param endpoint the member
	 * @param path the path under {@code /v3/}
	 * @param body the JSON body
	 * @param token the auth token, or {@code null}
	 * @param timeout the time for everything: connect, TLS handshake, the write and the
	 * whole answer (ends at most {@link ConnectionWatchdog#TICK_MILLIS} later)
	 * @return the answer
	 * @throws RequestNotSentException when the request surely never reached the member
	 * @throws AnswerTooLargeException when the answer is larger than the limit
	 * @throws IOException when the exchange failed after the request may have been sent
	 */
	@Override
	public Answer post(String endpoint, String path, byte[] body, @Nullable String token, Duration timeout)
			throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		MemberPool pool = pool(endpoint);
		HttpConnection connection = pool.acquire(deadline);
		boolean reusable = false;
		ExchangeCancellation cancellation = ExchangeCancellation.current();
		try {
			connection.deadline(deadline);
			if (cancellation != null) {
				cancellation.attach(connection);
			}
			connection.send(pool.requestHead(path), token, body);
			ResponseHead head = connection.readHead();
			byte[] answer = connection.readBody(head);
			reusable = connection.endExchange(head);
			return new Answer(head.status(), answer);
		}
		catch (IOException ex) {
			throw failure(connection, timeout, ex);
		}
		finally {
			if (cancellation != null) {
				cancellation.detach();
			}
			if (reusable) {
				pool.release(connection);
			}
			else {
				connection.discard();
			}
		}
	}

	/**
	 * Post {@code body} on a connection of its own and return the answer's body as it
	 * arrives: a watch stream. Until the answer's head is in, everything (connect, the
	 * write, the wait) is bounded by {@code openTimeout}; after it, reads wait for as
	 * long as the stream lives, and each message (a line) is bounded in size.
	 * @param endpoint the member
	 * @param path the path under {@code /v3/}
	 * @param body the JSON body
	 * @param token the auth token, or {@code null}
	 * @param openTimeout the time for the answer to start
	 * @return the answer; its body closes the connection when closed
	 * @throws IOException when the stream cannot be opened
	 */
	@Override
	public StreamAnswer openStream(String endpoint, String path, byte[] body, @Nullable String token,
			Duration openTimeout) throws IOException {
		long deadline = System.nanoTime() + openTimeout.toNanos();
		MemberPool pool = pool(endpoint);
		HttpConnection connection = HttpConnection.open(pool.endpoint, this.connectTimeout, tlsSockets(), deadline,
				this.maxAnswerBytes, this.watchdog);
		try {
			connection.deadline(deadline);
			connection.send(pool.requestHead(path), token, body);
			ResponseHead head = connection.readHead();
			if (!GatewayHttp.isSuccess(head.status())) {
				byte[] error;
				try (InputStream in = connection.bodyStream(head)) {
					error = in.readNBytes(MAX_ERROR_BYTES);
				}
				return new StreamAnswer(head.status(), error, null);
			}
			if (!connection.startStream()) {
				throw new SocketTimeoutException("no answer within " + openTimeout.toMillis() + " ms");
			}
			return new StreamAnswer(head.status(), new byte[0], connection.bodyStream(head));
		}
		catch (IOException ex) {
			connection.discard();
			throw failure(connection, openTimeout, ex);
		}
	}

	/**
	 * Close every idle connection to {@code endpoint}: after a failure there, they are
	 * likely dead too, and a write sent on one would end with an unknown outcome.
	 * @param endpoint the member
	 */
	@Override
	public void closeIdleConnections(String endpoint) {
		MemberPool pool = this.pools.get(endpoint);
		if (pool != null) {
			pool.closeIdle();
		}
	}

	private MemberPool pool(String endpoint) throws IOException {
		if (this.closed) {
			throw new RequestNotSentException("the etcd client is closed", new IllegalStateException("closed"));
		}
		return this.pools.computeIfAbsent(endpoint, (url) -> new MemberPool(HttpEndpoint.parse(url)));
	}

	private SSLSocketFactory tlsSockets() throws RequestNotSentException {
		SSLSocketFactory sockets = this.tlsSockets;
		if (sockets == null) {
			try {
				sockets = ((this.sslContext != null) ? this.sslContext : SSLContext.getDefault()).getSocketFactory();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new RequestNotSentException("no TLS available", ex);
			}
			this.tlsSockets = sockets;
		}
		return sockets;
	}

	/**
	 * Say what the failure of an exchange means: a timeout when the watchdog ended it,
	 * and "not sent" when the member refused the TLS handshake.
	 */
	private static IOException failure(HttpConnection connection, Duration timeout, IOException failure) {
		if (failure instanceof RequestNotSentException || failure instanceof AnswerTooLargeException) {
			return failure;
		}
		if (connection.refusedHandshake(failure)) {
			return new RequestNotSentException("the TLS handshake with " + connection.endpoint() + " failed: "
					+ failure.getMessage() + "; the request was not read", failure);
		}
		if (connection.cancelled()) {
			InterruptedIOException cancelled = new InterruptedIOException(
					"the call to " + connection.endpoint() + " was cancelled");
			cancelled.initCause(failure);
			return cancelled;
		}
		if (!connection.aborted() || failure instanceof SocketTimeoutException) {
			return failure;
		}
		SocketTimeoutException timedOut = new SocketTimeoutException(
				"no answer from " + connection.endpoint() + " within " + timeout.toMillis() + " ms");
		timedOut.initCause(failure);
		return timedOut;
	}

	@Override
	public void close() {
		this.closed = true;
		this.pools.values().forEach(MemberPool::closeIdle);
		this.watchdog.close();
	}

	/** The idle connections to one member, most recently used first. */
	private final class MemberPool {

		private final HttpEndpoint endpoint;

		private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

		private final AtomicInteger idleCount = new AtomicInteger();

		private final Map<String, byte[]> requestHeads = new ConcurrentHashMap<>();

		MemberPool(HttpEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		HttpConnection acquire(long deadline) throws RequestNotSentException {
			HttpConnection connection;
			while ((connection = this.idle.pollFirst()) != null) {
				this.idleCount.decrementAndGet();
				if (connection.isReusable(VALIDATE_AFTER)) {
					return connection;
				}
				connection.discard();
			}
			connection = HttpConnection.open(this.endpoint, GatewayHttpClient.this.connectTimeout, tlsSockets(),
					deadline, GatewayHttpClient.this.maxAnswerBytes, GatewayHttpClient.this.watchdog);
			if (logger.isDebugEnabled()) {
				logger.debug("Opened a connection to etcd at " + this.endpoint);
			}
			return connection;
		}

		void release(HttpConnection connection) {
			if (GatewayHttpClient.this.closed || this.idleCount.incrementAndGet() > MAX_IDLE_PER_MEMBER) {
				this.idleCount.decrementAndGet();
				connection.close();
				return;
			}
			connection.idle();
			this.idle.offerFirst(connection);
		}

		void closeIdle() {
			HttpConnection connection;
			while ((connection = this.idle.pollFirst()) != null) {
				this.idleCount.decrementAndGet();
				connection.close();
			}
		}

		/** The request line and fixed headers for {@code path}, encoded once. */
		byte[] requestHead(String path) {
			return this.requestHeads.computeIfAbsent(path, (key) -> {
				String head = "POST /v3/" + key + " HTTP/1.1\r\n"
						+ new String(this.endpoint.hostHeader(), StandardCharsets.US_ASCII)
						+ "User-Agent: etcd-spring\r\n" + "Content-Type: application/json\r\n"
						+ GatewayTransport.REQUIRE_LEADER_HEADER + ": true\r\n";
				return head.getBytes(StandardCharsets.US_ASCII);
			});
		}

	}

}
