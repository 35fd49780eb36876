package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd answered with an error. Carries the gRPC status code and etcd's own message
 * ({@code etcdserver: ...}); subclasses name the errors that callers commonly handle.
 *
 * @since 0.1.0
 */
public class EtcdServerException extends EtcdException {

	private final int code;

	private final String serverMessage;

	public EtcdServerException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, endpoint, null);
		this.code = code;
		this.serverMessage = serverMessage;
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

}
