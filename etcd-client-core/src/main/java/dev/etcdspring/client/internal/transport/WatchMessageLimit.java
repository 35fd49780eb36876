package dev.etcdspring.client.internal.transport;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A watch stream's body, one message per line, with no line longer than the client's
 * answer limit: a member that sends one endless message must not fill the heap, on either
 * transport.
 */
final class WatchMessageLimit extends FilterInputStream {

	private final long maxLineBytes;

	private final Closeable onClose;

	/** Bytes since the last line end. */
	private long line;

	/**
	 * Bound the lines of {@code body}.
	 * @param body the stream's body
	 * @param maxLineBytes the longest line
	 * @param onClose what ends the exchange when this stream is closed
	 */
	WatchMessageLimit(InputStream body, long maxLineBytes, Closeable onClose) {
		super(body);
		this.maxLineBytes = maxLineBytes;
		this.onClose = onClose;
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b == '\n') {
			this.line = 0;
		}
		else if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		int n = this.in.read(target, offset, length);
		if (n <= 0) {
			return n;
		}
		if (this.line + n <= this.maxLineBytes) {
			// no line in here can be too long: only the bytes after the last line end
			// count
			int i = offset + n - 1;
			while (i >= offset && target[i] != '\n') {
				i--;
			}
			this.line = (i >= offset) ? offset + n - 1 - i : this.line + n;
			return n;
		}
		for (int i = offset; i < offset + n; i++) {
			if (target[i] == '\n') {
				this.line = 0;
			}
			else {
				count(1);
			}
		}
		return n;
	}

	private void count(int bytes) throws IOException {
		this.line += bytes;
		if (this.line > this.maxLineBytes) {
			throw new AnswerTooLargeException(this.maxLineBytes, -1, true);
		}
	}

	@Override
	public long skip(long n) throws IOException {
		throw new IOException("a watch stream is read, not skipped");
	}

	@Override
	public void close() throws IOException {
		this.onClose.close();
	}

}
