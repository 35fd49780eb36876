package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the client throws. Unchecked, like Spring's
 * {@code DataAccessException} family: callers catch the subtype that they can act on.
 *
 * @since 0.1.0
 */
public class EtcdException extends RuntimeException {

	private final @Nullable String endpoint;

	public EtcdException(String message) {
		this(message, null, null);
	}

	public EtcdException(String message, @Nullable String endpoint, @Nullable Throwable cause) {
		super(message, cause);
		this.endpoint = endpoint;
	}

	/**
	 * Return the endpoint that answered or failed, if one is known.
	 * @return the endpoint URL or {@code null}
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

}
