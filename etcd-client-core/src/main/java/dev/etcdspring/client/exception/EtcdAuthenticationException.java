package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd did not accept who the client is: wrong credentials, none where etcd requires
 * them, or a token it no longer knows. A user whose roles forbid a request gets an
 * {@link EtcdPermissionDeniedException} instead.
 *
 * @since 0.1.0
 */
public class EtcdAuthenticationException extends EtcdServerException {

	public EtcdAuthenticationException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
