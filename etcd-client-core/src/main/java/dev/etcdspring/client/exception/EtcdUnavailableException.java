package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The member cannot serve the request now, for example because the cluster has no leader
 * or the request timed out inside etcd.
 *
 * @since 0.1.0
 */
public class EtcdUnavailableException extends EtcdServerException {

	public EtcdUnavailableException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
