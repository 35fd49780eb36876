package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A read did not complete within the request timeout. Writes that time out raise
 * {@link EtcdOutcomeUnknownException} instead, since they may have been applied.
 *
 * @since 0.1.0
 */
public class EtcdTimeoutException extends EtcdException {

	public EtcdTimeoutException(String message, @Nullable String endpoint, @Nullable Throwable cause) {
		super(message, endpoint, cause);
	}

}
