package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The lease does not exist (any more): it expired or was revoked. Keys attached to it are
 * gone.
 *
 * @since 0.1.0
 */
public class EtcdLeaseNotFoundException extends EtcdServerException {

	public EtcdLeaseNotFoundException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
