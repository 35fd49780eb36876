package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection to a member's gateway: writes a {@code POST} and reads the
 * answer's head and body. It understands exactly what etcd's gateway (Go's
 * {@code net/http}) sends, and refuses what RFC 9112 calls faulty framing rather than
 * guess: a status line, headers, and a body with one {@code Content-Length}, chunked (the
 * only transfer coding), or up to the end of the connection.
 * <p>
 * Bounded in every way a member could abuse: each exchange, from the connect to the last
 * byte of the answer, ends at one deadline (reads are given what is left of it, and
 * {@link ConnectionWatchdog} closes the socket of one that outlives it); no body is
 * larger than {@code maxAnswerBytes}, and no buffer is allocated ahead of the bytes that
 * arrived by more than {@value AnswerBody#BODY_HEADROOM} bytes; heads, lines, trailers
 * and interim answers are limited. A connection is reused only after an answer framed
 * exactly, with nothing unread behind it.
 * <p>
 * This class owns the socket, the deadline and the request; the answer's bytes arrive in
 * its {@link AnswerBuffer}, from which {@link ResponseHead} reads the head and
 * {@link AnswerBody} the body (through {@link ChunkedInputStream} when chunked).
 * <p>
 * Not thread-safe: one exchange at a time, except {@link #abortIfExpired(long)}, which
 * the watchdog calls.
 */
final class HttpConnection implements AutoCloseable {

	/**
	 * How long a failed first write waits for the TLS alert that says why: the member
	 * sent it before it closed the connection, so it is there already or not coming.
	 */
	private static final int ALERT_WAIT_MILLIS = 100;

	/**
	 * The read timeout that peeks at an idle connection: the shortest there is (0 would
	 * wait forever).
	 */
	private static final int PEEK_MILLIS = 1;

	/** The member closed the connection before sending a single byte of its answer. */
	static final String NO_ANSWER = "connection closed without an answer";

	private final HttpEndpoint endpoint;

	private final long maxAnswerBytes;

	private final ConnectionWatchdog watchdog;

	/** The TCP socket; closing it ends any blocked read, write or handshake. */
	private final Socket raw;

	private final ExchangeDeadline deadline = new ExchangeDeadline();

	/** {@link #raw}, or the TLS socket over it. */
	private Socket socket;

	private InputStream in;

	private InputStream rawIn;

	private RequestWriter request;

	/** The answers' bytes as they arrive; set once connected. */
	private AnswerBuffer answer;

	private long idleSince;

	private volatile boolean aborted;

	/** Whether {@link #cancelExchange(long)} ended the exchange. */
	private volatile boolean cancelled;

	/** Whether no answer has been read on this connection yet. */
	private boolean fresh = true;

	/** Whether the last answer left the connection ready for another request. */
	private boolean reusable;

	private HttpConnection(HttpEndpoint endpoint, long maxAnswerBytes, ConnectionWatchdog watchdog) {
		this.endpoint = endpoint;
		this.maxAnswerBytes = maxAnswerBytes;
		this.watchdog = watchdog;
		this.raw = new Socket();
		this.socket = this.raw;
	}

	/**
	 * Connect, and for {@code https} complete the TLS handshake with the host name
	 * verified, both within {@code connectTimeout} and before {@code deadline}.
	 * @param endpoint the member
	 * @param connectTimeout the time for the TCP connect and the handshake together
	 * @param tls the socket factory for {@code https}
	 * @param deadline when the exchange this connection is opened for must end, in
	 * {@link System#nanoTime()}
	 * @param maxAnswerBytes the largest answer body (or stream message) accepted
	 * @param watchdog the watchdog that ends exchanges past their deadline
	 * @return the open connection
	 * @throws RequestNotSentException when the connection cannot be established
	 */
	static HttpConnection open(HttpEndpoint endpoint, Duration connectTimeout, SSLSocketFactory tls, long deadline,
			long maxAnswerBytes, ConnectionWatchdog watchdog) throws RequestNotSentException {
		long start = System.nanoTime();
		long connectDeadline = start + connectTimeout.toNanos();
		long openDeadline = (connectDeadline - deadline < 0) ? connectDeadline : deadline;
		HttpConnection connection = new HttpConnection(endpoint, maxAnswerBytes, watchdog);
		try {
			connection.connect(openDeadline, tls);
			return connection;
		}
		catch (IOException ex) {
			connection.discard();
			if (connection.aborted || ex instanceof SocketTimeoutException) {
				String step = endpoint.tls() ? "connect and TLS handshake" : "connect";
				SocketTimeoutException timeout = new SocketTimeoutException(
						step + " not done within " + TimeUnit.NANOSECONDS.toMillis(openDeadline - start) + " ms");
				timeout.initCause(ex);
				throw new RequestNotSentException(timeout);
			}
			throw new RequestNotSentException(ex);
		}
	}

	private void connect(long openDeadline, SSLSocketFactory tls) throws IOException {
		this.watchdog.register(this);
		deadline(openDeadline);
		this.raw.setTcpNoDelay(true);
		this.raw.setKeepAlive(true);
		this.raw.connect(new InetSocketAddress(this.endpoint.host(), this.endpoint.port()),
				this.deadline.remainingMillis());
		Socket connected = this.raw;
		if (this.endpoint.tls()) {
			SSLSocket secure = (SSLSocket) tls.createSocket(this.raw, this.endpoint.host(), this.endpoint.port(), true);
			SSLParameters parameters = secure.getSSLParameters();
			// the JDK checks the certificate's host name only when asked to; set here,
			// after any defaults of the SSLContext, so that none can switch it off
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			secure.setSSLParameters(parameters);
			// each read of the handshake waits at most what is left; the watchdog ends a
			// handshake that trickles in within that
			secure.setSoTimeout(this.deadline.remainingMillis());
			secure.startHandshake();
			connected = secure;
		}
		this.socket = connected;
		this.rawIn = this.raw.getInputStream();
		this.in = connected.getInputStream();
		this.answer = new AnswerBuffer(this.in, this::armRead);
		this.request = new RequestWriter(connected.getOutputStream());
		if (!this.deadline.unwatch()) {
			throw new SocketTimeoutException("connection established only after its deadline");
		}
	}

	HttpEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Bound the exchange that follows: the answer must be complete before
	 * {@code deadline}, however slowly its bytes arrive.
	 * @param deadline the end of the exchange, in {@link System#nanoTime()}
	 */
	void deadline(long deadline) {
		this.deadline.set(deadline);
	}

	/**
	 * End the exchange in progress if it is past its deadline; called by the watchdog.
	 * @param now the current {@link System#nanoTime()}
	 */
	void abortIfExpired(long now) {
		if (this.deadline.expire(now)) {
			this.aborted = true;
			// the TCP socket, not the TLS one: closing that may wait to send close_notify
			closeQuietly(this.raw);
		}
	}

	boolean aborted() {
		return this.aborted;
	}

	/**
	 * Return what names the exchange in progress for {@link #cancelExchange(long)}.
	 * @return the exchange's deadline, as watched
	 */
	long exchangeDeadline() {
		return this.deadline.watched();
	}

	/**
	 * End the exchange now, from another thread, if it is still the one that began with
	 * {@code deadline}: its blocked read or write fails at once.
	 * @param deadline what {@link #exchangeDeadline()} returned when the exchange began
	 */
	void cancelExchange(long deadline) {
		if (this.deadline.abort(deadline)) {
			this.cancelled = true;
			this.aborted = true;
			closeQuietly(this.raw);
		}
	}

	boolean cancelled() {
		return this.cancelled;
	}

	/** Give the next read of the socket what is left of the deadline. */
	private void armRead() throws IOException {
		this.socket.setSoTimeout(this.deadline.readTimeoutMillis());
	}

	/**
	 * Send one request.
	 * @param head the request line and fixed headers, each line ending in CRLF
	 * @param token the value of the {@code Authorization} header, or {@code null}
	 * @param body the body
	 * @throws RequestNotSentException if it failed before a byte reached the socket
	 * @throws IOException if the connection fails
	 */
	void send(byte[] head, @Nullable String token, byte[] body) throws IOException {
		this.reusable = false;
		this.request.begin(token);
		try {
			this.deadline.remainingMillis();
			this.request.write(head, token, body);
		}
		catch (IOException ex) {
			if (!this.request.started()) {
				throw new RequestNotSentException(ex);
			}
			throw alertBehind(ex);
		}
	}

	/**
	 * On a fresh TLS connection, a member that refused the handshake may have closed it
	 * before the request was written: the write fails (broken pipe) while the member's
	 * alert, which says why, waits unread. Read it, so that the failure says so.
	 */
	private IOException alertBehind(IOException failure) {
		if (!this.fresh || !this.endpoint.tls() || this.aborted) {
			return failure;
		}
		try {
			this.socket.setSoTimeout(Math.min(ALERT_WAIT_MILLIS, this.deadline.remainingMillis()));
			this.in.read(new byte[1], 0, 1);
		}
		catch (SSLHandshakeException alert) {
			alert.addSuppressed(failure);
			return alert;
		}
		catch (IOException ex) {
			// no alert: the write's failure is all there is to say
		}
		return failure;
	}

	/**
	 * Whether {@code failure} of the first exchange on this connection is the member
	 * refusing the TLS handshake. With TLS 1.3 the client's part of the handshake is done
	 * before the member has checked it (a client certificate, say), so the refusal
	 * arrives while the request is sent or its answer awaited. The member never read the
	 * request: it cannot have been applied.
	 */
	boolean refusedHandshake(IOException failure) {
		if (!this.fresh || !this.endpoint.tls()) {
			return false;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLHandshakeException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Read the head of the answer: the status line and headers, after skipping interim
	 * (1xx) answers.
	 * @return the answer's head
	 * @throws IOException if the connection fails or the head is not valid HTTP/1.x
	 */
	ResponseHead readHead() throws IOException {
		return ResponseHead.read(this.answer);
	}

	/**
	 * Read the whole body of an answer whose head was just read, at most
	 * {@code maxAnswerBytes} of it.
	 * @param head the head
	 * @return the body
	 * @throws AnswerTooLargeException if the body is larger than the limit
	 * @throws IOException if the connection fails before the body is complete
	 */
	byte[] readBody(ResponseHead head) throws IOException {
		return AnswerBody.read(this.answer, head, this.maxAnswerBytes);
	}

	/**
	 * The body of an answer whose head was just read, as it arrives: a stream of
	 * messages, one per line, none longer than {@code maxAnswerBytes}.
	 * @param head the head
	 * @return the body; closing it closes this connection
	 */
	InputStream bodyStream(ResponseHead head) {
		return AnswerBody.stream(this.answer, head, this.maxAnswerBytes, this::discard);
	}

	/**
	 * The answer of the exchange was read to its end: stop its deadline and tell whether
	 * the connection may carry another request.
	 * @param head the answer's head
	 * @return whether to reuse the connection
	 * @throws IOException if more bytes than the answer arrived: an answer to no request
	 * (or to this one: which is which cannot be told)
	 */
	boolean endExchange(ResponseHead head) throws IOException {
		boolean inTime = this.deadline.unwatch();
		this.fresh = false;
		if (this.answer.hasUnread()) {
			throw new IOException("etcd sent " + this.answer.unread()
					+ " bytes more than its answer: which answer is this request's cannot be told");
		}
		this.reusable = inTime && head.keepAlive();
		return this.reusable;
	}

	/**
	 * The head of a stream's answer was read: from now on reads wait for as long as the
	 * stream lives.
	 * @return {@code false} when the watchdog already ended the exchange
	 */
	boolean startStream() {
		this.deadline.unbound();
		this.fresh = false;
		return this.deadline.unwatch();
	}

	/**
	 * Whether this idle connection can carry another request: its last answer was framed
	 * exactly, nothing arrived since (an answer to no request would pass for the next
	 * one's), and, after {@code maxQuiet} without use, the member has not closed it (a
	 * member that restarted did, and a write sent on it would have an unknown outcome).
	 * @param maxQuiet how long a connection may be idle before it is checked
	 * @return whether to reuse it
	 */
	boolean isReusable(Duration maxQuiet) {
		if (this.aborted || !this.reusable || this.answer.hasUnread()) {
			return false;
		}
		try {
			// bytes waiting in the kernel (for TLS, also in the TLS socket's own buffer)
			if (this.rawIn.available() > 0 || (this.in != this.rawIn && this.in.available() > 0)) {
				return false;
			}
			if (System.nanoTime() - this.idleSince < maxQuiet.toNanos()) {
				return true;
			}
			this.socket.setSoTimeout(PEEK_MILLIS);
			// a closed connection reads end-of-stream, a live idle one times out; any
			// byte that arrives is a surprise, and the end of this connection
			this.answer.fillNow();
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	void idle() {
		this.idleSince = System.nanoTime();
	}

	/**
	 * Close an idle connection; for TLS, with a {@code close_notify} first (nothing is
	 * blocked on it, so that cannot wait).
	 */
	@Override
	public void close() {
		this.watchdog.unregister(this);
		if (this.socket != this.raw) {
			closeQuietly(this.socket);
		}
		closeQuietly(this.raw);
	}

	/** Close a connection that failed or surprised: at once, never reused. */
	void discard() {
		this.watchdog.unregister(this);
		this.reusable = false;
		closeQuietly(this.raw);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing was pending on it
		}
	}

}
