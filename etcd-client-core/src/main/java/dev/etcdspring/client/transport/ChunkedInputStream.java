package dev.etcdspring.client.transport;

import java.io.EOFException;
import java.io.IOException;

/**
 * A chunked HTTP/1.1 body, read from its connection as it arrives. etcd's gateway sends a
 * watch stream this way, one chunk per message, and larger unary answers too. Closing it
 * leaves the connection alone.
 */
final class ChunkedInputStream extends BodyInputStream {

	/** A chunk size line longer than this is not one (16 hex digits and extensions). */
	private static final int MAX_SIZE_LINE = 1024;

	private final HttpConnection connection;

	private long remaining;

	private boolean started;

	private boolean ended;

	ChunkedInputStream(HttpConnection connection) {
		this.connection = connection;
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
		if (this.started && !this.connection.readLine().isEmpty()) {
			throw new IOException("chunk of the answer not followed by CRLF");
		}
		this.started = true;
		String line = this.connection.readLine();
		int extensions = line.indexOf(';');
		String size = ((extensions >= 0) ? line.substring(0, extensions) : line).strip();
		if (size.isEmpty() || line.length() > MAX_SIZE_LINE) {
			throw new IOException("invalid chunk size line in the answer: " + abbreviate(line));
		}
		try {
			long parsed = Long.parseLong(size, 16);
			if (parsed < 0) {
				throw new NumberFormatException(size);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IOException("invalid chunk size in the answer: " + abbreviate(line));
		}
	}

	private void skipTrailers() throws IOException {
		while (!this.connection.readLine().isEmpty()) {
			// Go sends none; any trailer line is skipped
		}
	}

	private static String abbreviate(String line) {
		return (line.length() > 40) ? line.substring(0, 40) + "..." : line;
	}

}
