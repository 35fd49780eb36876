package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd answered with an error. Carries the gRPC status code and etcd's own message
 * ({@code etcdserver: ...}), and which {@link EtcdError} they name; subclasses name the
 * errors that callers commonly handle.
 *
 * @since 0.1.0
 */
public class EtcdServerException extends EtcdException {

	private final int code;

	private final String serverMessage;

	private final EtcdError error;

	public EtcdServerException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, endpoint, null);
		this.code = code;
		this.serverMessage = serverMessage;
		this.error = EtcdError.classify(code, serverMessage);
	}

	/**
	 * Return the gRPC status code etcd answered with (for example 11 for "out of range").
	 * @return the code
	 */
	public int getCode() {
		return this.code;
	}

	/**
	 * Return etcd's own error message, for example {@code etcdserver: no leader}.
	 * @return the message
	 */
	public String getServerMessage() {
		return this.serverMessage;
	}

	/**
	 * Return which error etcd answered, to switch on instead of matching
	 * {@link #getServerMessage()}.
	 * @return the kind of error, {@link EtcdError#UNKNOWN} when the code and message name
	 * none known
	 * @since 0.1.0
	 */
	public EtcdError getError() {
		return this.error;
	}

}
