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

	private final HttpConnection connection;

	private final long maxBytes;

	private long total;

	private long remaining;

	private boolean started;

	private boolean ended;

	/**
	 * Read a chunked body.
	 * @param connection the connection it arrives on
	 * @param maxBytes the most bytes all chunks together may have; a chunk that announces
	 * more fails before its data is read
	 */
	ChunkedInputStream(HttpConnection connection, long maxBytes) {
		this.connection = connection;
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
		int n = this.connection.readRaw(target, offset, (int) Math.min(length, this.remaining));
		if (n < 0) {
			throw new EOFException("connection closed inside a chunk of the answer");
		}
		this.remaining -= n;
		return n;
	}

	private long nextChunkSize() throws IOException {
		if (this.started) {
			this.connection.readChunkEnd();
		}
		this.started = true;
		long size = this.connection.readChunkSize();
		if (size > this.maxBytes - this.total) {
			throw new AnswerTooLargeException(this.maxBytes, -1, false);
		}
		this.total += size;
		return size;
	}

	private void skipTrailers() throws IOException {
		int bytes = 0;
		for (int lines = 0;; lines++) {
			int length = this.connection.readTrailerLine();
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

}
