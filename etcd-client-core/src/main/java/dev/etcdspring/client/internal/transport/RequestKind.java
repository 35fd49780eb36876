package dev.etcdspring.client.internal.transport;

/**
 * Whether a request may be sent again after a failure whose outcome is unknown.
 *
 * @since 0.1.0
 */
public enum RequestKind {

	/**
	 * Reads and other requests without side effects: retried on another member after any
	 * connection failure, timeout or "unavailable" answer.
	 */
	READ,

	/**
	 * Put, delete, transaction, lease grant/revoke: retried only when the request surely
	 * never reached a server (the connection was refused). Otherwise the caller gets
	 * {@link dev.etcdspring.client.exception.EtcdOutcomeUnknownException}.
	 */
	WRITE

}
