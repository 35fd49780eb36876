package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * No member of the cluster has the id a membership change named: it was removed already,
 * or the id is from another cluster. {@code cluster().members()} lists the current ids.
 *
 * @since 0.1.0
 */
public class EtcdMemberNotFoundException extends EtcdServerException {

	public EtcdMemberNotFoundException(String message, int code, String serverMessage, @Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
	}

}
