package dev.etcdspring.client.transport;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection to a member's gateway: writes a {@code POST} and reads the
 * answer's head and body. It understands exactly what etcd's gateway (Go's
 * {@code net/http}) sends: a status line, headers, and a body with a
 * {@code Content-Length}, chunked, or up to the end of the connection.
 * <p>
 * Not thread-safe: one exchange at a time, except {@link #abort()}, which any thread may
 * call to end a blocked exchange.
 */
final class HttpConnection implements AutoCloseable {

	private static final int BUFFER_SIZE = 16 * 1024;

	/** Go's server sends a handful of short header lines; more is not a gateway. */
	private static final int MAX_HEADER_LINES = 100;

	private static final byte[] AUTHORIZATION = "Authorization: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CRLF = { '\r', '\n' };

	/** The member closed the connection before sending a single byte of its answer. */
	static final String NO_ANSWER = "connection closed without an answer";

	private final HttpEndpoint endpoint;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private int limit;

	private long idleSince;

	private boolean bounded;

	private long deadline;

	private volatile boolean aborted;

	private HttpConnection(HttpEndpoint endpoint, Socket socket) throws IOException {
		this.endpoint = endpoint;
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
	}

	/**
	 * Connect, and for {@code https} complete the TLS handshake with the host name
	 * verified.
	 * @param endpoint the member
	 * @param connectTimeout the time for the TCP connect and for the handshake each
	 * @param tls the socket factory for {@code https}
	 * @return the open connection
	 * @throws RequestNotSentException when the connection cannot be established
	 */
	static HttpConnection open(HttpEndpoint endpoint, Duration connectTimeout, SSLSocketFactory tls)
			throws RequestNotSentException {
		int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
			socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
			if (endpoint.tls()) {
				socket = handshake(tls, socket, endpoint, timeout);
			}
			return new HttpConnection(endpoint, socket);
		}
		catch (SocketTimeoutException ex) {
			closeQuietly(socket);
			throw new RequestNotSentException("connect timed out after " + timeout + " ms", ex);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new RequestNotSentException(ex);
		}
	}

	private static Socket handshake(SSLSocketFactory tls, Socket plain, HttpEndpoint endpoint, int timeout)
			throws IOException {
		SSLSocket socket = (SSLSocket) tls.createSocket(plain, endpoint.host(), endpoint.port(), true);
		SSLParameters parameters = socket.getSSLParameters();
		// the JDK checks the certificate's host name only when asked to
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.setSoTimeout(timeout);
		socket.startHandshake();
		return socket;
	}

	HttpEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Bound the exchange that follows: the answer must be complete within
	 * {@code timeout}, however slowly its bytes arrive.
	 * @param timeout the time for the whole answer; zero waits forever (a stream)
	 */
	void deadline(Duration timeout) {
		this.bounded = !timeout.isZero();
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	/** Give the next read of the socket what is left of the deadline. */
	private void armRead() throws IOException {
		if (!this.bounded) {
			this.socket.setSoTimeout(0);
			return;
		}
		long remaining = this.deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new SocketTimeoutException("the answer was not complete in time");
		}
		this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining / 1_000_000)));
	}

	/**
	 * Send one request.
	 * @param head the request line and fixed headers, each line ending in CRLF
	 * @param token the value of the {@code Authorization} header, or {@code null}
	 * @param body the body
	 * @throws IOException if the connection fails
	 */
	void send(byte[] head, @Nullable String token, byte[] body) throws IOException {
		this.out.write(head);
		if (token != null) {
			checkHeaderValue(token);
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
	 * Read the status line and headers of the answer.
	 * @return the answer's head
	 * @throws IOException if the connection fails or the answer is not HTTP/1.x
	 */
	ResponseHead readHead() throws IOException {
		ResponseHead head;
		do {
			head = readOneHead();
		}
		while (head.status() / 100 == 1); // interim answers (100 Continue) carry nothing
		return head;
	}

	private ResponseHead readOneHead() throws IOException {
		if (this.position == this.limit && fill() < 0) {
			throw new EOFException(NO_ANSWER);
		}
		int end = lineEnd();
		int start = this.position;
		if (end - start < 12 || !startsWith(start, "HTTP/1.")) {
			throw new IOException("not an HTTP/1.x answer: "
					+ new String(this.buffer, start, Math.min(end - start, 40), StandardCharsets.ISO_8859_1));
		}
		boolean http10 = this.buffer[start + 7] == '0';
		int status = parseStatus(start + 9);
		this.position = end + 1;
		long contentLength = -1;
		boolean chunked = false;
		boolean close = http10;
		for (int lines = 0;; lines++) {
			if (lines > MAX_HEADER_LINES) {
				throw new IOException("answer has more than " + MAX_HEADER_LINES + " header lines");
			}
			end = lineEnd();
			start = this.position;
			int length = trimmedLength(start, end);
			this.position = end + 1;
			if (length == 0) {
				break;
			}
			if (isHeader(start, length, "content-length")) {
				contentLength = parseLength(value(start, length));
			}
			else if (isHeader(start, length, "transfer-encoding")) {
				chunked = value(start, length).toLowerCase(Locale.ROOT).contains("chunked");
			}
			else if (isHeader(start, length, "connection")) {
				String value = value(start, length).toLowerCase(Locale.ROOT);
				close = value.contains("close") || (http10 && !value.contains("keep-alive"));
			}
		}
		return new ResponseHead(status, chunked ? -1 : contentLength, chunked, close);
	}

	/**
	 * Read the whole body of an answer whose head was just read.
	 * @param head the head
	 * @return the body
	 * @throws IOException if the connection fails before the body is complete
	 */
	byte[] readBody(ResponseHead head) throws IOException {
		return body(head).readAllBytes();
	}

	/**
	 * The body of an answer whose head was just read, as it arrives.
	 * @param head the head
	 * @return the body; closing it closes this connection
	 */
	InputStream bodyStream(ResponseHead head) {
		return new java.io.FilterInputStream(body(head)) {

			@Override
			public void close() {
				HttpConnection.this.close();
			}

		};
	}

	private InputStream body(ResponseHead head) {
		return head.chunked() ? new ChunkedInputStream(this) : new RawBody(head.contentLength());
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
	 * Read one line (of a chunked body's framing) without its line end.
	 */
	String readLine() throws IOException {
		int end = lineEnd();
		String line = new String(this.buffer, this.position, trimmedLength(this.position, end),
				StandardCharsets.ISO_8859_1);
		this.position = end + 1;
		return line;
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
		for (int i = start; i < start + 3; i++) {
			int digit = this.buffer[i] - '0';
			if (digit < 0 || digit > 9) {
				throw new IOException("answer has no valid status code");
			}
			status = status * 10 + digit;
		}
		return status;
	}

	/** Whether the header line at {@code start} has the (lower-case) {@code name}. */
	private boolean isHeader(int start, int length, String name) {
		if (length <= name.length() || this.buffer[start + name.length()] != ':') {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if (Character.toLowerCase((char) this.buffer[start + i]) != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private String value(int start, int length) {
		int colon = start;
		while (this.buffer[colon] != ':') {
			colon++;
		}
		return new String(this.buffer, colon + 1, start + length - colon - 1, StandardCharsets.ISO_8859_1).strip();
	}

	private static long parseLength(String value) throws IOException {
		try {
			long length = Long.parseLong(value);
			if (length < 0) {
				throw new NumberFormatException(value);
			}
			return length;
		}
		catch (NumberFormatException ex) {
			throw new IOException("answer has an invalid Content-Length: " + value);
		}
	}

	/**
	 * Whether this idle connection can carry another request: nothing unread is pending,
	 * and, after {@code maxQuiet} without use, the member has not closed it (a member
	 * that restarted did, and a write sent on it would have an unknown outcome).
	 * @param maxQuiet how long a connection may be idle before it is checked
	 * @return whether to reuse it
	 */
	boolean isReusable(Duration maxQuiet) {
		if (this.aborted || this.position < this.limit) {
			return false;
		}
		if (System.nanoTime() - this.idleSince < maxQuiet.toNanos()) {
			return true;
		}
		try {
			this.socket.setSoTimeout(1);
			// a closed connection reads end-of-stream; a live idle one times out
			return fillNow() == 0;
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

	/** End the exchange in progress from another thread (a watchdog's timeout). */
	void abort() {
		this.aborted = true;
		close();
	}

	boolean aborted() {
		return this.aborted;
	}

	@Override
	public void close() {
		closeQuietly(this.socket);
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

		boolean keepAlive() {
			return !this.close && (this.chunked || this.contentLength >= 0);
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

		/** With a known length, read straight into an array of that size. */
		@Override
		public byte[] readAllBytes() throws IOException {
			if (this.length < 0) {
				return super.readAllBytes();
			}
			if (this.length > Integer.MAX_VALUE - 16) {
				throw new IOException("answer of " + this.length + " bytes is too large");
			}
			byte[] body = new byte[(int) this.length];
			int read = 0;
			while (read < body.length) {
				read += read(body, read, body.length - read);
			}
			return body;
		}

	}

}
