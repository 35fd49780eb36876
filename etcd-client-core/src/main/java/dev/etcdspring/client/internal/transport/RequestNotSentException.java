package dev.etcdspring.client.internal.transport;

import java.io.IOException;

/**
 * The request never left the client: the connection or its TLS handshake failed. Even a
 * write may then be sent again, to this member or another.
 */
final class RequestNotSentException extends IOException {

	RequestNotSentException(String message, Throwable cause) {
		super(message, cause);
	}

	RequestNotSentException(IOException cause) {
		super(cause.getMessage(), cause);
	}

}
