package dev.etcdspring.client.internal.transport;

import java.io.IOException;

/**
 * An answer, or one message of a watch stream, is larger than the client accepts
 * ({@code maxAnswerBytes}). Nothing beyond the limit was kept in memory, and the
 * connection is closed: what follows on it cannot be trusted to be the next answer.
 */
final class AnswerTooLargeException extends IOException {

	private final long limit;

	private final long announced;

	private final boolean watchMessage;

	/**
	 * Create an exception.
	 * @param limit the limit in bytes
	 * @param announced the size the member announced ({@code Content-Length}), or -1 when
	 * it only sent more than the limit
	 * @param watchMessage whether a watch stream's message, rather than an answer, is too
	 * large
	 */
	AnswerTooLargeException(long limit, long announced, boolean watchMessage) {
		super(((watchMessage) ? "a watch message" : "the answer")
				+ ((announced >= 0) ? " announces " + announced + " bytes" : " has more than " + limit + " bytes")
				+ ", above the limit of " + limit + " bytes");
		this.limit = limit;
		this.announced = announced;
		this.watchMessage = watchMessage;
	}

	long limit() {
		return this.limit;
	}

	long announced() {
		return this.announced;
	}

	boolean watchMessage() {
		return this.watchMessage;
	}

}
