package dev.etcdspring.client;

import org.jspecify.annotations.Nullable;

/**
 * Authentication failed or the user lacks the permission for the request.
 *
 * @since 0.1.0
 */
public class EtcdAuthenticationException extends EtcdServerException {

	public EtcdAuthenticationException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
