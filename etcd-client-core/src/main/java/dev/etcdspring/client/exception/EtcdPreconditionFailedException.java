package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd rejected the request as invalid in the current state, for example a transaction
 * that names the same key twice.
 *
 * @since 0.1.0
 */
public class EtcdPreconditionFailedException extends EtcdServerException {

	public EtcdPreconditionFailedException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
