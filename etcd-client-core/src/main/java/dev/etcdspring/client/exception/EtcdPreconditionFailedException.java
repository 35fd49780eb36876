package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd rejected the request as invalid in its current state (gRPC code 9), for example
 * credentials sent to an etcd whose authentication is disabled. A transaction that puts
 * one key twice is not one of them: etcd answers it as a bad argument, a plain
 * {@link EtcdServerException}.
 *
 * @since 0.1.0
 */
public class EtcdPreconditionFailedException extends EtcdServerException {

	public EtcdPreconditionFailedException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
