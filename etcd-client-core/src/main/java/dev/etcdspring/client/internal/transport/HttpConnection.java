package dev.etcdspring.client.internal.transport;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import static java.net.HttpURLConnection.HTTP_NOT_MODIFIED;
import static java.net.HttpURLConnection.HTTP_NO_CONTENT;
import static java.net.HttpURLConnection.HTTP_OK;

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
 * arrived by more than {@value #BODY_HEADROOM} bytes; heads, lines, trailers and interim
 * answers are limited. A connection is reused only after an answer framed exactly, with
 * nothing unread behind it.
 * <p>
 * Not thread-safe: one exchange at a time, except {@link #abortIfExpired(long)}, which
 * the watchdog calls.
 */
final class HttpConnection implements AutoCloseable {

	/**
	 * Read buffer; also the longest line of a head, chunk size line or trailer. The
	 * largest TLS record holds 16 KiB, so one read can take a whole record.
	 */
	static final int BUFFER_SIZE = 16 * 1024;

	/** Go's server sends a handful of short header lines; more is not a gateway. */
	private static final int MAX_HEADER_LINES = 100;

	/**
	 * The most bytes of one head (status line and header lines), or of trailers: a
	 * gateway's head is a few hundred bytes, so this is far beyond any and still bounds a
	 * member that sends header lines without end.
	 */
	private static final int MAX_HEAD_BYTES = 64 * 1024;

	/**
	 * Interim (1xx) answers skipped before the final one: the gateway sends none (no
	 * request asks for {@code 100 Continue}), so this only bounds a member that sends
	 * them without end.
	 */
	private static final int MAX_INTERIM_ANSWERS = 10;

	/**
	 * A body buffer is at most this far ahead of the bytes that arrived: a member that
	 * announces a large answer and sends a byte costs this, not the announced size.
	 */
	private static final int BODY_HEADROOM = 64 * 1024;

	/**
	 * The first buffer for a body whose length only its end tells: etcd's chunked answers
	 * are mostly a few KB.
	 */
	private static final int UNKNOWN_LENGTH_START = 8 * 1024;

	/** Every status line accepted starts so; the minor version digit follows. */
	private static final String HTTP_1 = "HTTP/1.";

	/** Where the minor version digit of a status line stands: after "HTTP/1.". */
	private static final int MINOR_VERSION_AT = HTTP_1.length();

	/** Where the space after the version stands: after "HTTP/1.1". */
	private static final int VERSION_END = "HTTP/1.1".length();

	/** Where the status code starts: after "HTTP/1.1 ". */
	private static final int STATUS_AT = "HTTP/1.1 ".length();

	/**
	 * Where the status code ends: the length of the shortest status line, and where the
	 * space before a reason phrase stands.
	 */
	private static final int STATUS_END = "HTTP/1.1 200".length();

	/** The smallest status code: they have three digits, 100 to 599 (RFC 9110 15). */
	private static final int MIN_STATUS = 100;

	/** The largest status code (RFC 9110 15). */
	private static final int MAX_STATUS = 599;

	/** The interim answer that switches protocols: never asked for here. */
	private static final int SWITCHING_PROTOCOLS = 101;

	/**
	 * Content-Length digits accepted: 18 decimal digits always fit a {@code long} (its
	 * largest value has 19), so the value cannot overflow.
	 */
	private static final int MAX_LENGTH_DIGITS = 18;

	/** Chunk size digits accepted: 15 hexadecimal digits, 60 bits, always fit a long. */
	private static final int MAX_CHUNK_SIZE_DIGITS = 15;

	/** Chunk sizes are hexadecimal (RFC 9112 7.1). */
	private static final int HEX_RADIX = 16;

	/**
	 * How much of something unexpected (a line, a header value) goes into the message:
	 * enough to recognise it (an HTML page, a TLS record), not a member's text at length.
	 */
	private static final int EXCERPT_CHARS = 40;

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

	private static final byte[] AUTHORIZATION = "Authorization: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] EMPTY = new byte[0];

	/** Characters below this are ASCII, which every token character is. */
	private static final int ASCII = 128;

	/**
	 * Characters of a token (RFC 9110 5.6.2): header names, transfer codings; all ASCII.
	 */
	private static final boolean[] TOKEN = new boolean[ASCII];

	static {
		for (char c = '0'; c <= '9'; c++) {
			TOKEN[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TOKEN[c] = true;
			TOKEN[Character.toUpperCase(c)] = true;
		}
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TOKEN[c] = true;
		}
	}

	/** {@link #watched} when no deadline is being watched. */
	private static final long UNWATCHED = 0;

	/** {@link #watched} once the watchdog ended the exchange. */
	private static final long ABORTED = Long.MIN_VALUE;

	private static final VarHandle WATCHED;

	static {
		try {
			WATCHED = MethodHandles.lookup().findVarHandle(HttpConnection.class, "watched", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The member closed the connection before sending a single byte of its answer. */
	static final String NO_ANSWER = "connection closed without an answer";

	private final HttpEndpoint endpoint;

	private final long maxAnswerBytes;

	private final ConnectionWatchdog watchdog;

	/** The TCP socket; closing it ends any blocked read, write or handshake. */
	private final Socket raw;

	/** {@link #raw}, or the TLS socket over it. */
	private Socket socket;

	private InputStream in;

	private InputStream rawIn;

	private OutputStream out;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private int limit;

	private long idleSince;

	/** Whether reads are bounded by {@link #deadline} (not for an open stream). */
	private boolean bounded;

	/** When the exchange in progress must end, in {@link System#nanoTime()}. */
	private long deadline;

	/** The deadline the watchdog checks, {@link #UNWATCHED}, or {@link #ABORTED}. */
	@SuppressWarnings("unused") // through WATCHED
	private volatile long watched;

	private volatile boolean aborted;

	/** Whether a byte of the request in progress may have reached the socket. */
	private boolean requestStarted;

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
		this.raw.connect(new InetSocketAddress(this.endpoint.host(), this.endpoint.port()), remainingMillis());
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
			secure.setSoTimeout(remainingMillis());
			secure.startHandshake();
			connected = secure;
		}
		this.socket = connected;
		this.rawIn = this.raw.getInputStream();
		this.in = connected.getInputStream();
		this.out = new BufferedOutputStream(new RequestOutput(connected.getOutputStream()), BUFFER_SIZE);
		if (!unwatch()) {
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
		this.bounded = true;
		this.deadline = deadline;
		long watch = (deadline == UNWATCHED || deadline == ABORTED) ? deadline + 1 : deadline;
		WATCHED.setVolatile(this, watch);
	}

	/**
	 * Stop watching the deadline.
	 * @return {@code false} when the watchdog already ended the exchange
	 */
	private boolean unwatch() {
		return (long) WATCHED.getAndSet(this, UNWATCHED) != ABORTED;
	}

	/**
	 * End the exchange in progress if it is past its deadline; called by the watchdog.
	 * The compare-and-set makes sure that a later exchange on this connection, with a
	 * deadline of its own, is never the one ended.
	 * @param now the current {@link System#nanoTime()}
	 */
	void abortIfExpired(long now) {
		long watch = (long) WATCHED.getVolatile(this);
		if (watch != UNWATCHED && watch != ABORTED && now - watch >= 0 && WATCHED.compareAndSet(this, watch, ABORTED)) {
			this.aborted = true;
			// the TCP socket, not the TLS one: closing that may wait to send close_notify
			closeQuietly(this.raw);
		}
	}

	boolean aborted() {
		return this.aborted;
	}

	private int remainingMillis() throws SocketTimeoutException {
		long remaining = this.deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new SocketTimeoutException("no time left before the deadline");
		}
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
	}

	/** Give the next read of the socket what is left of the deadline. */
	private void armRead() throws IOException {
		this.socket.setSoTimeout(this.bounded ? remainingMillis() : 0);
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
		this.requestStarted = false;
		this.reusable = false;
		if (token != null) {
			checkHeaderValue(token);
		}
		try {
			remainingMillis();
			this.out.write(head);
			if (token != null) {
				this.out.write(AUTHORIZATION);
				this.out.write(token.getBytes(StandardCharsets.US_ASCII));
				this.out.write(CRLF);
			}
			this.out.write(CONTENT_LENGTH);
			this.out.write(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
			this.out.write(CRLF);
			this.out.write(CRLF);
			this.out.write(body);
			this.out.flush();
		}
		catch (IOException ex) {
			if (!this.requestStarted) {
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
			this.socket.setSoTimeout(Math.min(ALERT_WAIT_MILLIS, remainingMillis()));
			this.in.read(this.buffer, 0, 1);
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

	/** A token with a line break would end the header early and inject its own. */
	private static void checkHeaderValue(String value) throws IOException {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new RequestNotSentException("the auth token has a character not allowed in a header",
						new IllegalArgumentException("character " + (int) c + " at " + i));
			}
		}
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
		for (int interim = 0;; interim++) {
			ResponseHead head = readOneHead();
			if (head.status() >= HTTP_OK) {
				return head;
			}
			if (head.status() == SWITCHING_PROTOCOLS) {
				throw new IOException("answer switches protocols (101) though no upgrade was asked for");
			}
			if (interim == MAX_INTERIM_ANSWERS) {
				throw new IOException("more than " + MAX_INTERIM_ANSWERS + " interim (1xx) answers");
			}
		}
	}

	private ResponseHead readOneHead() throws IOException {
		if (this.position == this.limit && fill() < 0) {
			throw new EOFException(NO_ANSWER);
		}
		int end = lineEnd();
		int start = this.position;
		int length = trimmedLength(start, end);
		int minorVersion = start + MINOR_VERSION_AT;
		if (length < STATUS_END || !startsWith(start, HTTP_1)
				|| (this.buffer[minorVersion] != '0' && this.buffer[minorVersion] != '1')
				|| this.buffer[start + VERSION_END] != ' '
				|| (length > STATUS_END && this.buffer[start + STATUS_END] != ' ')) {
			throw new IOException("not an HTTP/1.x answer: " + excerpt(start, length));
		}
		boolean http10 = this.buffer[minorVersion] == '0';
		int status = parseStatus(start + STATUS_AT);
		int headBytes = end + 1 - start;
		this.position = end + 1;
		long contentLength = -1;
		boolean transferEncoding = false;
		boolean close = http10;
		for (int lines = 0;; lines++) {
			end = lineEnd();
			start = this.position;
			length = trimmedLength(start, end);
			headBytes += end + 1 - start;
			this.position = end + 1;
			if (length == 0) {
				break;
			}
			if (lines == MAX_HEADER_LINES || headBytes > MAX_HEAD_BYTES) {
				throw new IOException("answer has more than " + MAX_HEADER_LINES + " header lines or " + MAX_HEAD_BYTES
						+ " bytes of head");
			}
			int colon = headerNameEnd(start, length);
			if (isHeader(start, colon, "content-length")) {
				long value = parseContentLength(colon + 1, start + length);
				if (contentLength >= 0 && value != contentLength) {
					throw new IOException(
							"answer has conflicting Content-Length values: " + contentLength + " and " + value);
				}
				contentLength = value;
			}
			else if (isHeader(start, colon, "transfer-encoding")) {
				if (transferEncoding) {
					// a second line adds codings to the first: chunked twice at best
					throw new IOException("answer has more than one Transfer-Encoding header: "
							+ "no transfer coding but chunked, once, is understood");
				}
				checkChunked(value(colon, start + length));
				transferEncoding = true;
			}
			else if (isHeader(start, colon, "connection")) {
				String value = value(colon, start + length).toLowerCase(Locale.ROOT);
				if (hasToken(value, "close")) {
					close = true;
				}
				else if (http10 && hasToken(value, "keep-alive")) {
					close = false;
				}
			}
		}
		if (transferEncoding && contentLength >= 0) {
			// RFC 9112 6.3: a message with both may be an attempt at request smuggling
			throw new IOException("answer has both Transfer-Encoding and Content-Length: its framing is ambiguous");
		}
		if (transferEncoding && http10) {
			throw new IOException("HTTP/1.0 answer has a Transfer-Encoding: its framing is faulty");
		}
		if (status < HTTP_OK || status == HTTP_NO_CONTENT || status == HTTP_NOT_MODIFIED) {
			// RFC 9112 6.3: these end at the empty line, whatever their headers say
			return new ResponseHead(status, 0, false, close);
		}
		return new ResponseHead(status, transferEncoding ? -1 : contentLength, transferEncoding, close);
	}

	/**
	 * Return the index of the colon that ends the header line's name, checking that the
	 * name is a token (no whitespace before the colon, no folded continuation line).
	 */
	private int headerNameEnd(int start, int length) throws IOException {
		int end = start + length;
		for (int i = start; i < end; i++) {
			int c = this.buffer[i] & 0xff;
			if (c == ':' && i > start) {
				return i;
			}
			if (c >= ASCII || !TOKEN[c]) {
				break;
			}
		}
		throw new IOException("answer has an invalid header line: " + excerpt(start, length));
	}

	/** Whether the header line at {@code start} has the (lower-case) {@code name}. */
	private boolean isHeader(int start, int colon, String name) {
		if (colon - start != name.length()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if ((this.buffer[start + i] | 0x20) != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parse a Content-Length value: digits, or a list of the same digits (RFC 9110 8.6
	 * lets a recipient accept {@code 42, 42}); anything else is an error.
	 */
	private long parseContentLength(int from, int to) throws IOException {
		long length = -1;
		int i = from;
		while (true) {
			while (i < to && isWhitespace(this.buffer[i])) {
				i++;
			}
			long value = 0;
			int digits = 0;
			while (i < to && this.buffer[i] >= '0' && this.buffer[i] <= '9') {
				value = value * 10 + (this.buffer[i] - '0');
				i++;
				if (++digits > MAX_LENGTH_DIGITS) {
					throw invalidContentLength(from, to);
				}
			}
			while (i < to && isWhitespace(this.buffer[i])) {
				i++;
			}
			if (digits == 0 || (i < to && this.buffer[i] != ',')) {
				throw invalidContentLength(from, to);
			}
			if (length >= 0 && value != length) {
				throw new IOException("answer has conflicting Content-Length values: " + length + " and " + value);
			}
			length = value;
			if (i == to) {
				return length;
			}
			i++; // the comma
		}
	}

	private IOException invalidContentLength(int from, int to) {
		return new IOException("answer has an invalid Content-Length: " + excerpt(from, to - from).strip());
	}

	/**
	 * Accept only {@code chunked} as the transfer coding: it must be the final one, and
	 * any other (gzip, or an unknown one) cannot be decoded here.
	 */
	private static void checkChunked(String value) throws IOException {
		int chunked = 0;
		for (String element : value.split(",", -1)) {
			String coding = element.strip();
			if (coding.isEmpty()) {
				continue; // RFC 9110 5.6.1: empty list elements are ignored
			}
			if (!coding.equalsIgnoreCase("chunked") || ++chunked > 1) {
				throw new IOException("answer has a transfer coding that is not understood: " + abbreviate(value)
						+ " (only chunked, once, is)");
			}
		}
		if (chunked == 0) {
			throw new IOException("answer has an empty Transfer-Encoding");
		}
	}

	private static boolean hasToken(String list, String token) {
		for (String element : list.split(",")) {
			if (element.strip().equals(token)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isWhitespace(byte c) {
		return c == ' ' || c == '\t';
	}

	private static String abbreviate(String text) {
		return (text.length() > EXCERPT_CHARS) ? text.substring(0, EXCERPT_CHARS) + "..." : text;
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
		if (head.chunked()) {
			return readAll(new ChunkedInputStream(this, this.maxAnswerBytes), -1);
		}
		long length = head.contentLength();
		if (length == 0) {
			return EMPTY;
		}
		if (length > this.maxAnswerBytes) {
			throw new AnswerTooLargeException(this.maxAnswerBytes, length, false);
		}
		if (length > 0 && length <= this.limit - this.position) {
			// the usual small answer, already here: one copy of exactly its size
			byte[] body = Arrays.copyOfRange(this.buffer, this.position, this.position + (int) length);
			this.position += (int) length;
			return body;
		}
		return readAll(new RawBody(length), length);
	}

	/**
	 * Read {@code body} to its end into an array that grows as bytes arrive.
	 * @param length the body's length, or -1 when only its end tells
	 */
	private byte[] readAll(InputStream body, long length) throws IOException {
		long cap = (length >= 0) ? length : this.maxAnswerBytes;
		// a chunked answer of a few KB is usually all here already: start small
		int start = (length >= 0) ? BODY_HEADROOM : UNKNOWN_LENGTH_START;
		byte[] target = new byte[(int) Math.min(cap, Math.max(this.limit - this.position, start))];
		int count = 0;
		while (true) {
			if (count == target.length) {
				if (count == cap) {
					if (length >= 0 || body.read(new byte[1], 0, 1) < 0) {
						return target;
					}
					throw new AnswerTooLargeException(this.maxAnswerBytes, -1, false);
				}
				target = Arrays.copyOf(target, (int) Math.min(cap, Math.max(2L * count, count + BODY_HEADROOM)));
			}
			int n = body.read(target, count, target.length - count);
			if (n < 0) {
				return (count == target.length) ? target : Arrays.copyOf(target, count);
			}
			count += n;
		}
	}

	/**
	 * The body of an answer whose head was just read, as it arrives: a stream of
	 * messages, one per line, none longer than {@code maxAnswerBytes}.
	 * @param head the head
	 * @return the body; closing it closes this connection
	 */
	InputStream bodyStream(ResponseHead head) {
		InputStream body = head.chunked() ? new ChunkedInputStream(this, Long.MAX_VALUE)
				: new RawBody(head.contentLength());
		return new WatchMessageLimit(body, this.maxAnswerBytes, this::discard);
	}

	/**
	 * Read up to {@code length} body bytes: what is buffered, else what one read of the
	 * socket brings, so that a stream sees each message as soon as it arrives.
	 */
	int readRaw(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position < this.limit) {
			int n = Math.min(length, this.limit - this.position);
			System.arraycopy(this.buffer, this.position, target, offset, n);
			this.position += n;
			return n;
		}
		if (length >= BUFFER_SIZE) {
			armRead();
			return this.in.read(target, offset, length);
		}
		if (fill() < 0) {
			return -1;
		}
		return readRaw(target, offset, length);
	}

	/**
	 * Read a chunk size line: hexadecimal digits, then optional extensions after a
	 * {@code ;}, which are ignored (RFC 9112 7.1).
	 * @return the size
	 */
	long readChunkSize() throws IOException {
		int end = lineEnd();
		int start = this.position;
		int stop = start + trimmedLength(start, end);
		this.position = end + 1;
		long size = 0;
		int i = start;
		while (i < stop && Character.digit(this.buffer[i], HEX_RADIX) >= 0) {
			if (i - start == MAX_CHUNK_SIZE_DIGITS) {
				throw invalidChunkSize(start, stop);
			}
			size = size * HEX_RADIX + Character.digit(this.buffer[i], HEX_RADIX);
			i++;
		}
		if (i == start) {
			throw invalidChunkSize(start, stop);
		}
		while (i < stop && isWhitespace(this.buffer[i])) {
			i++;
		}
		if (i < stop && this.buffer[i] != ';') {
			throw invalidChunkSize(start, stop);
		}
		return size;
	}

	private IOException invalidChunkSize(int start, int stop) {
		return new IOException("invalid chunk size line in the answer: " + excerpt(start, stop - start));
	}

	/** Read the line end that must follow a chunk's data. */
	void readChunkEnd() throws IOException {
		int end = lineEnd();
		if (trimmedLength(this.position, end) != 0) {
			throw new IOException("chunk of the answer not followed by CRLF");
		}
		this.position = end + 1;
	}

	/**
	 * Read one trailer line (after the last chunk) and return its length without the line
	 * end: 0 for the empty line that ends the body.
	 */
	int readTrailerLine() throws IOException {
		int end = lineEnd();
		int length = trimmedLength(this.position, end);
		this.position = end + 1;
		return length;
	}

	/** Return the index of the next {@code '\n'}, reading more until there is one. */
	private int lineEnd() throws IOException {
		int searched = this.position;
		while (true) {
			for (int i = searched; i < this.limit; i++) {
				if (this.buffer[i] == '\n') {
					return i;
				}
			}
			if (this.position > 0) {
				// make room: move the partial line to the start
				int pending = this.limit - this.position;
				System.arraycopy(this.buffer, this.position, this.buffer, 0, pending);
				this.position = 0;
				this.limit = pending;
			}
			searched = this.limit;
			if (this.limit == BUFFER_SIZE) {
				throw new IOException("answer has a line longer than " + BUFFER_SIZE + " bytes");
			}
			if (fill() < 0) {
				throw new EOFException("connection closed before the answer was complete");
			}
		}
	}

	private int fill() throws IOException {
		armRead();
		return fillNow();
	}

	private int fillNow() throws IOException {
		if (this.position == this.limit) {
			this.position = 0;
			this.limit = 0;
		}
		int n = this.in.read(this.buffer, this.limit, BUFFER_SIZE - this.limit);
		if (n > 0) {
			this.limit += n;
		}
		return n;
	}

	private int trimmedLength(int start, int end) {
		return (end > start && this.buffer[end - 1] == '\r') ? end - 1 - start : end - start;
	}

	private boolean startsWith(int start, String prefix) {
		for (int i = 0; i < prefix.length(); i++) {
			if (this.buffer[start + i] != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private int parseStatus(int start) throws IOException {
		int status = 0;
		for (int i = start; i < start + STATUS_END - STATUS_AT; i++) {
			int digit = this.buffer[i] - '0';
			if (digit < 0 || digit > 9) {
				throw new IOException("answer has no valid status code");
			}
			status = status * 10 + digit;
		}
		if (status < MIN_STATUS || status > MAX_STATUS) {
			throw new IOException("answer has an invalid status code: " + status);
		}
		return status;
	}

	/** The start of {@code length} bytes at {@code start}, for a message. */
	private String excerpt(int start, int length) {
		return new String(this.buffer, start, Math.min(length, EXCERPT_CHARS), StandardCharsets.ISO_8859_1);
	}

	private String value(int colon, int end) {
		return new String(this.buffer, colon + 1, end - colon - 1, StandardCharsets.ISO_8859_1).strip();
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
		boolean inTime = unwatch();
		this.fresh = false;
		if (this.position < this.limit) {
			throw new IOException("etcd sent " + (this.limit - this.position)
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
		this.bounded = false;
		this.fresh = false;
		return unwatch();
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
		if (this.aborted || !this.reusable || this.position < this.limit) {
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
			fillNow();
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

	/**
	 * The head of an answer.
	 *
	 * @param status the HTTP status
	 * @param contentLength the body's length, or -1 when chunked or up to the end
	 * @param chunked whether the body is chunked
	 * @param close whether the member closes the connection after this answer
	 */
	record ResponseHead(int status, long contentLength, boolean chunked, boolean close) {

		/** Whether the answer's end is known without the connection's end. */
		boolean keepAlive() {
			return !this.close && (this.chunked || this.contentLength >= 0);
		}

	}

	/** Notes whether a byte of the request may have reached the socket. */
	private final class RequestOutput extends OutputStream {

		private final OutputStream target;

		RequestOutput(OutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) throws IOException {
			HttpConnection.this.requestStarted = true;
			this.target.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			HttpConnection.this.requestStarted = true;
			this.target.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

	}

	/** A body with a known length, or up to the end of the connection (length -1). */
	private final class RawBody extends BodyInputStream {

		private final long length;

		private long remaining;

		RawBody(long length) {
			this.length = length;
			this.remaining = (length < 0) ? Long.MAX_VALUE : length;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			if (this.remaining == 0) {
				return -1;
			}
			int n = readRaw(target, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			else if (n < 0 && this.length >= 0) {
				throw new EOFException(
						"connection closed after " + (this.length - this.remaining) + " of " + this.length + " bytes");
			}
			return n;
		}

	}

}
