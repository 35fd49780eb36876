package dev.etcdspring.client.internal.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Writes a connection's requests: a cached head, the {@code Authorization} and
 * {@code Content-Length} headers, and the body, in one flush. It notes whether a byte of
 * the request in progress may have reached the socket: if none did, the request surely
 * had no effect, and even a write may be sent again.
 */
final class RequestWriter {

	private static final byte[] AUTHORIZATION = "Authorization: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CRLF = { '\r', '\n' };

	private final OutputStream out;

	/** Whether a byte of the request in progress may have reached the socket. */
	private boolean started;

	/**
	 * Create a writer.
	 * @param socket the connection's output
	 */
	RequestWriter(OutputStream socket) {
		this.out = new BufferedOutputStream(new NotingOutput(socket), AnswerBuffer.SIZE);
	}

	/**
	 * Start a request: none of its bytes reached the socket yet.
	 * @param token the value of the {@code Authorization} header, or {@code null}
	 * @throws RequestNotSentException if the token cannot be sent in a header
	 */
	void begin(@Nullable String token) throws RequestNotSentException {
		this.started = false;
		if (token != null) {
			checkHeaderValue(token);
		}
	}

	/**
	 * Write the request begun last, and flush it.
	 * @param head the request line and fixed headers, each line ending in CRLF
	 * @param token the value of the {@code Authorization} header, or {@code null}
	 * @param body the body
	 * @throws IOException if the connection fails; see {@link #started()}
	 */
	void write(byte[] head, @Nullable String token, byte[] body) throws IOException {
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

	/** Whether a byte of the request in progress may have reached the socket. */
	boolean started() {
		return this.started;
	}

	/** A token with a line break would end the header early and inject its own. */
	private static void checkHeaderValue(String value) throws RequestNotSentException {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new RequestNotSentException("the auth token has a character not allowed in a header",
						new IllegalArgumentException("character " + (int) c + " at " + i));
			}
		}
	}

	/** Notes whether a byte of the request may have reached the socket. */
	private final class NotingOutput extends OutputStream {

		private final OutputStream target;

		NotingOutput(OutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) throws IOException {
			RequestWriter.this.started = true;
			this.target.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			RequestWriter.this.started = true;
			this.target.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

	}

}
