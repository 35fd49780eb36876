package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * No etcd member could be reached: the request was not delivered.
 *
 * @since 0.1.0
 */
public class EtcdConnectionException extends EtcdException {

	public EtcdConnectionException(String message, @Nullable String endpoint, @Nullable Throwable cause) {
		super(message, endpoint, cause);
	}

}
