package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd refused to promote a learner that has not caught up with the leader's log yet (it
 * has not started, or is still receiving the log). Nothing changed: wait, and promote it
 * again.
 *
 * @since 0.1.0
 */
public class EtcdLearnerNotReadyException extends EtcdPreconditionFailedException {

	public EtcdLearnerNotReadyException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
