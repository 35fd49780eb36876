package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd authenticated the user, but its roles do not allow the request (etcd's "permission
 * denied"). Unlike an {@link EtcdAuthenticationException}, the credentials work: grant
 * the user a role that covers the keys ({@code etcdctl role
 * grant-permission}). The request was not applied.
 *
 * @since 0.1.0
 */
public class EtcdPermissionDeniedException extends EtcdServerException {

	public EtcdPermissionDeniedException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
