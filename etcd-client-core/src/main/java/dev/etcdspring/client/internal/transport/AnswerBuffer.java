package dev.etcdspring.client.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a connection's answers as they arrive: one fixed buffer that heads, chunk
 * size lines and trailers are parsed in place from, and that bodies are read through.
 * Every read of the socket first gives it what is left of the exchange's deadline
 * ({@link BeforeRead}), so that no read blocks past it.
 * <p>
 * Not thread-safe: it belongs to one {@link HttpConnection}.
 */
final class AnswerBuffer {

	/**
	 * The buffer's size; also the longest line of a head, chunk size line or trailer. The
	 * largest TLS record holds 16 KiB, so one read can take a whole record.
	 */
	static final int SIZE = 16 * 1024;

	/**
	 * How much of something unexpected (a line, a header value) goes into a message:
	 * enough to recognise it (an HTML page, a TLS record), not a member's text at length.
	 */
	static final int EXCERPT_CHARS = 40;

	private final byte[] bytes = new byte[SIZE];

	private final InputStream in;

	private final BeforeRead beforeRead;

	private int position;

	private int limit;

	/**
	 * Create a buffer.
	 * @param in the connection's input
	 * @param beforeRead what to do before each blocking read of {@code in}
	 */
	AnswerBuffer(InputStream in, BeforeRead beforeRead) {
		this.in = in;
		this.beforeRead = beforeRead;
	}

	/** Return the byte at {@code index}, which must be below {@link #limit()}. */
	byte get(int index) {
		return this.bytes[index];
	}

	/** Return the index of the next byte to read. */
	int position() {
		return this.position;
	}

	/** Consume every byte before {@code position}. */
	void position(int position) {
		this.position = position;
	}

	/** Return the index after the last byte that arrived. */
	int limit() {
		return this.limit;
	}

	/** Whether bytes arrived that were not read yet. */
	boolean hasUnread() {
		return this.position < this.limit;
	}

	/** Return how many bytes arrived that were not read yet. */
	int unread() {
		return this.limit - this.position;
	}

	/** Read the next {@code length} bytes, which arrived already, into an array. */
	byte[] take(int length) {
		byte[] taken = Arrays.copyOfRange(this.bytes, this.position, this.position + length);
		this.position += length;
		return taken;
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
			System.arraycopy(this.bytes, this.position, target, offset, n);
			this.position += n;
			return n;
		}
		if (length >= SIZE) {
			this.beforeRead.arm();
			return this.in.read(target, offset, length);
		}
		if (fill() < 0) {
			return -1;
		}
		return readRaw(target, offset, length);
	}

	/** Return the index of the next {@code '\n'}, reading more until there is one. */
	int lineEnd() throws IOException {
		int searched = this.position;
		while (true) {
			for (int i = searched; i < this.limit; i++) {
				if (this.bytes[i] == '\n') {
					return i;
				}
			}
			if (this.position > 0) {
				// make room: move the partial line to the start
				int pending = this.limit - this.position;
				System.arraycopy(this.bytes, this.position, this.bytes, 0, pending);
				this.position = 0;
				this.limit = pending;
			}
			searched = this.limit;
			if (this.limit == SIZE) {
				throw new IOException("answer has a line longer than " + SIZE + " bytes");
			}
			if (fill() < 0) {
				throw new EOFException("connection closed before the answer was complete");
			}
		}
	}

	/**
	 * Read more from the socket, giving the read what is left of the deadline.
	 * @return the number of bytes read, or -1 at the end of the connection
	 */
	int fill() throws IOException {
		this.beforeRead.arm();
		return fillNow();
	}

	/**
	 * Read more from the socket with the read timeout it has.
	 * @return the number of bytes read, or -1 at the end of the connection
	 */
	int fillNow() throws IOException {
		if (this.position == this.limit) {
			this.position = 0;
			this.limit = 0;
		}
		int n = this.in.read(this.bytes, this.limit, SIZE - this.limit);
		if (n > 0) {
			this.limit += n;
		}
		return n;
	}

	/** Return the length of the line from {@code start} to {@code end} without its CR. */
	int trimmedLength(int start, int end) {
		return (end > start && this.bytes[end - 1] == '\r') ? end - 1 - start : end - start;
	}

	boolean startsWith(int start, String prefix) {
		for (int i = 0; i < prefix.length(); i++) {
			if (this.bytes[start + i] != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** Return {@code length} bytes at {@code start} as text. */
	String text(int start, int length) {
		return new String(this.bytes, start, length, StandardCharsets.ISO_8859_1);
	}

	/** Return the start of {@code length} bytes at {@code start}, for a message. */
	String excerpt(int start, int length) {
		return text(start, Math.min(length, EXCERPT_CHARS));
	}

	static boolean isWhitespace(byte c) {
		return c == ' ' || c == '\t';
	}

	/** Gives the next read of the socket what is left of the exchange's deadline. */
	@FunctionalInterface
	interface BeforeRead {

		/**
		 * Set the socket's read timeout.
		 * @throws IOException if no time is left, or the socket failed
		 */
		void arm() throws IOException;

	}

}
