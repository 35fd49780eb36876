package dev.etcdspring.client.concurrency;

import dev.etcdspring.client.exception.EtcdException;

/**
 * The {@link EtcdSession} is lost or closed, so no lock can be acquired and no campaign
 * run with it: its lease has expired, was revoked, or could not be renewed in time.
 * Create a new session to go on.
 *
 * @since 0.1.0
 */
public class EtcdSessionLostException extends EtcdException {

	/**
	 * Create an exception.
	 * @param message what happened to the session
	 * @since 0.1.0
	 */
	public EtcdSessionLostException(String message) {
		super(message);
	}

}
