package dev.etcdspring.client.internal.codec;

import java.io.IOException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;

/**
 * Messages read one after the other from a body as it arrives (a watch stream).
 *
 * @param <T> the message type
 * @since 0.1.0
 */
public final class GatewayMessageStream<T> implements AutoCloseable {

	private final MappingIterator<T> messages;

	GatewayMessageStream(MappingIterator<T> messages) {
		this.messages = messages;
	}

	/**
	 * Wait for the next message.
	 * @return {@code true} when one follows, {@code false} when the body ended
	 * @throws IOException when reading the body failed
	 * @throws GatewayJsonException when the body is not a sequence of such messages
	 */
	public boolean hasNextValue() throws IOException {
		try {
			return this.messages.hasNextValue();
		}
		catch (JacksonException ex) {
			throw translate(ex);
		}
	}

	/**
	 * Read the next message.
	 * @return the message
	 * @throws IOException when reading the body failed
	 * @throws GatewayJsonException when the message is not the JSON expected
	 */
	public T nextValue() throws IOException {
		try {
			return this.messages.nextValue();
		}
		catch (JacksonException ex) {
			throw translate(ex);
		}
	}

	/**
	 * A connection that broke mid-message is an I/O failure, which Jackson wraps: unwrap
	 * it, so that it is told apart from a malformed message.
	 */
	static RuntimeException translate(JacksonException failure) throws IOException {
		if (failure.getCause() instanceof IOException io) {
			throw io;
		}
		return new GatewayJsonException(failure);
	}

	@Override
	public void close() {
		try {
			this.messages.close();
		}
		catch (JacksonException ex) {
			// closing a broken stream may fail again; nothing is lost
		}
	}

}
