package dev.etcdspring.client.internal.transport;

import java.io.EOFException;
import java.io.IOException;

/**
 * A chunked HTTP/1.1 body, read from its connection as it arrives. etcd's gateway sends a
 * watch stream this way, one chunk per message, and larger unary answers too. Closing it
 * leaves the connection alone.
 * <p>
 * Strict about the framing (RFC 9112 7.1): a chunk size is hexadecimal digits only, each
 * chunk ends with a line end, and the trailer section after the last chunk is limited in
 * lines and bytes (and otherwise ignored: Go sends none).
 */
final class ChunkedInputStream extends BodyInputStream {

	/**
	 * Trailer lines accepted after the last chunk: Go sends none, so this only bounds a
	 * member that sends them without end (as many as header lines of a head).
	 */
	static final int MAX_TRAILER_LINES = 100;

	/**
	 * Trailer bytes accepted after the last chunk, for the same reason: one read buffer.
	 */
	static final int MAX_TRAILER_BYTES = 16 * 1024;

	/** Chunk size digits accepted: 15 hexadecimal digits, 60 bits, always fit a long. */
	private static final int MAX_CHUNK_SIZE_DIGITS = 15;

	/** Chunk sizes are hexadecimal (RFC 9112 7.1). */
	private static final int HEX_RADIX = 16;

	private final AnswerBuffer answer;

	private final long maxBytes;

	private long total;

	private long remaining;

	private boolean started;

	private boolean ended;

	/**
	 * Read a chunked body.
	 * @param answer the buffer of the connection it arrives on
	 * @param maxBytes the most bytes all chunks together may have; a chunk that announces
	 * more fails before its data is read
	 */
	ChunkedInputStream(AnswerBuffer answer, long maxBytes) {
		this.answer = answer;
		this.maxBytes = maxBytes;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (this.ended) {
			return -1;
		}
		if (length == 0) {
			return 0;
		}
		if (this.remaining == 0) {
			this.remaining = nextChunkSize();
			if (this.remaining == 0) {
				skipTrailers();
				this.ended = true;
				return -1;
			}
		}
		int n = this.answer.readRaw(target, offset, (int) Math.min(length, this.remaining));
		if (n < 0) {
			throw new EOFException("connection closed inside a chunk of the answer");
		}
		this.remaining -= n;
		return n;
	}

	private long nextChunkSize() throws IOException {
		if (this.started) {
			readChunkEnd();
		}
		this.started = true;
		long size = readChunkSize();
		if (size > this.maxBytes - this.total) {
			throw new AnswerTooLargeException(this.maxBytes, -1, false);
		}
		this.total += size;
		return size;
	}

	private void skipTrailers() throws IOException {
		int bytes = 0;
		for (int lines = 0;; lines++) {
			int length = readTrailerLine();
			if (length == 0) {
				return;
			}
			bytes += length;
			if (lines == MAX_TRAILER_LINES || bytes > MAX_TRAILER_BYTES) {
				throw new IOException("answer has more than " + MAX_TRAILER_LINES + " trailer lines or "
						+ MAX_TRAILER_BYTES + " bytes of trailers");
			}
		}
	}

	/**
	 * Read a chunk size line: hexadecimal digits, then optional extensions after a
	 * {@code ;}, which are ignored (RFC 9112 7.1).
	 * @return the size
	 */
	private long readChunkSize() throws IOException {
		int end = this.answer.lineEnd();
		int start = this.answer.position();
		int stop = start + this.answer.trimmedLength(start, end);
		this.answer.position(end + 1);
		long size = 0;
		int i = start;
		while (i < stop && Character.digit(this.answer.get(i), HEX_RADIX) >= 0) {
			if (i - start == MAX_CHUNK_SIZE_DIGITS) {
				throw invalidChunkSize(start, stop);
			}
			size = size * HEX_RADIX + Character.digit(this.answer.get(i), HEX_RADIX);
			i++;
		}
		if (i == start) {
			throw invalidChunkSize(start, stop);
		}
		while (i < stop && AnswerBuffer.isWhitespace(this.answer.get(i))) {
			i++;
		}
		if (i < stop && this.answer.get(i) != ';') {
			throw invalidChunkSize(start, stop);
		}
		return size;
	}

	private IOException invalidChunkSize(int start, int stop) {
		return new IOException("invalid chunk size line in the answer: " + this.answer.excerpt(start, stop - start));
	}

	/** Read the line end that must follow a chunk's data. */
	private void readChunkEnd() throws IOException {
		int end = this.answer.lineEnd();
		if (this.answer.trimmedLength(this.answer.position(), end) != 0) {
			throw new IOException("chunk of the answer not followed by CRLF");
		}
		this.answer.position(end + 1);
	}

	/**
	 * Read one trailer line (after the last chunk) and return its length without the line
	 * end: 0 for the empty line that ends the body.
	 */
	private int readTrailerLine() throws IOException {
		int end = this.answer.lineEnd();
		int length = this.answer.trimmedLength(this.answer.position(), end);
		this.answer.position(end + 1);
		return length;
	}

}
