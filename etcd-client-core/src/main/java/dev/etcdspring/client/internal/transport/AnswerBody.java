package dev.etcdspring.client.internal.transport;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The body of an answer whose head was just read: read whole, or as a stream of messages.
 * No body is larger than the client's {@code maxAnswerBytes}, and no buffer is allocated
 * ahead of the bytes that arrived by more than {@value #BODY_HEADROOM} bytes.
 */
final class AnswerBody {

	/**
	 * A body buffer is at most this far ahead of the bytes that arrived: a member that
	 * announces a large answer and sends a byte costs this, not the announced size.
	 */
	static final int BODY_HEADROOM = 64 * 1024;

	/**
	 * The first buffer for a body whose length only its end tells: etcd's chunked answers
	 * are mostly a few KB.
	 */
	private static final int UNKNOWN_LENGTH_START = 8 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private AnswerBody() {
	}

	/**
	 * Read the whole body, at most {@code maxAnswerBytes} of it.
	 * @param answer the connection's buffer
	 * @param head the answer's head
	 * @param maxAnswerBytes the largest body accepted
	 * @return the body
	 * @throws AnswerTooLargeException if the body is larger than the limit
	 * @throws IOException if the connection fails before the body is complete
	 */
	static byte[] read(AnswerBuffer answer, ResponseHead head, long maxAnswerBytes) throws IOException {
		if (head.chunked()) {
			return readAll(answer, new ChunkedInputStream(answer, maxAnswerBytes), -1, maxAnswerBytes);
		}
		long length = head.contentLength();
		if (length == 0) {
			return EMPTY;
		}
		if (length > maxAnswerBytes) {
			throw new AnswerTooLargeException(maxAnswerBytes, length, false);
		}
		if (length > 0 && length <= answer.unread()) {
			// the usual small answer, already here: one copy of exactly its size
			return answer.take((int) length);
		}
		return readAll(answer, new RawBody(answer, length), length, maxAnswerBytes);
	}

	/**
	 * The body as it arrives: a stream of messages, one per line, none longer than
	 * {@code maxAnswerBytes}.
	 * @param answer the connection's buffer
	 * @param head the answer's head
	 * @param maxAnswerBytes the longest message accepted
	 * @param onClose closes the connection when the stream is closed
	 * @return the body
	 */
	static InputStream stream(AnswerBuffer answer, ResponseHead head, long maxAnswerBytes, Closeable onClose) {
		InputStream body = head.chunked() ? new ChunkedInputStream(answer, Long.MAX_VALUE)
				: new RawBody(answer, head.contentLength());
		return new WatchMessageLimit(body, maxAnswerBytes, onClose);
	}

	/**
	 * Read {@code body} to its end into an array that grows as bytes arrive.
	 * @param length the body's length, or -1 when only its end tells
	 */
	private static byte[] readAll(AnswerBuffer answer, InputStream body, long length, long maxAnswerBytes)
			throws IOException {
		long cap = (length >= 0) ? length : maxAnswerBytes;
		// a chunked answer of a few KB is usually all here already: start small
		int start = (length >= 0) ? BODY_HEADROOM : UNKNOWN_LENGTH_START;
		byte[] target = new byte[(int) Math.min(cap, Math.max(answer.unread(), start))];
		int count = 0;
		while (true) {
			if (count == target.length) {
				if (count == cap) {
					if (length >= 0 || body.read(new byte[1], 0, 1) < 0) {
						return target;
					}
					throw new AnswerTooLargeException(maxAnswerBytes, -1, false);
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

	/** A body with a known length, or up to the end of the connection (length -1). */
	private static final class RawBody extends BodyInputStream {

		private final AnswerBuffer answer;

		private final long length;

		private long remaining;

		RawBody(AnswerBuffer answer, long length) {
			this.answer = answer;
			this.length = length;
			this.remaining = (length < 0) ? Long.MAX_VALUE : length;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			if (this.remaining == 0) {
				return -1;
			}
			int n = this.answer.readRaw(target, offset, (int) Math.min(length, this.remaining));
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
