package dev.etcdspring.client.internal.codec;

import tools.jackson.core.JacksonException;

/**
 * A gateway message that is not the JSON expected: malformed, cut short, or of another
 * shape. Jackson's exception is its cause, so that nothing outside the codec needs to
 * know Jackson to handle it.
 *
 * @since 0.1.0
 */
public final class GatewayJsonException extends RuntimeException {

	private final String originalMessage;

	GatewayJsonException(JacksonException cause) {
		super(cause.getMessage(), cause);
		this.originalMessage = String.valueOf(cause.getOriginalMessage());
	}

	/**
	 * Return what was wrong, without the location in the input that the message adds.
	 * @return the parser's message
	 */
	public String getOriginalMessage() {
		return this.originalMessage;
	}

}
