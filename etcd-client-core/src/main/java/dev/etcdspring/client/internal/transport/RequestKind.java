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
	 * A read that any member answers from its own data, without the leader: a range with
	 * {@code serializable} set. Retried like {@link #READ}; with
	 * {@link dev.etcdspring.client.transport.ReadBalancing#ROUND_ROBIN} it goes to each
	 * member in turn instead of the one the client sticks to.
	 */
	SERIALIZABLE_READ,

	/**
	 * Put, delete, transaction, lease grant/revoke: retried only when the request surely
	 * never reached a server (the connection was refused). Otherwise the caller gets
	 * {@link dev.etcdspring.client.exception.EtcdOutcomeUnknownException}.
	 */
	WRITE

}
