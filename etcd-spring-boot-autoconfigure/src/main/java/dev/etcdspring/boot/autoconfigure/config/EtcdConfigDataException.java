package dev.etcdspring.boot.autoconfigure.config;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataException;

/**
 * An {@code etcd:} import failed at startup: etcd did not answer within
 * {@code etcd.config.timeout}, a setting was refused, or a key does not hold a valid
 * document. The message names the endpoints and the property; {@link #getAction()} says
 * what to do.
 *
 * @since 0.1.0
 */
public class EtcdConfigDataException extends ConfigDataException {

	private final String action;

	/**
	 * Create an exception.
	 * @param message what failed, naming the properties involved
	 * @param action what to do about it
	 * @param cause the underlying failure, if any
	 */
	public EtcdConfigDataException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	static EtcdConfigDataException unreachable(EtcdConfigDataResource resource, String reason,
			@Nullable Throwable cause) {
		String message = "Could not import " + resource + " (spring.config.import): " + reason;
		if (cause instanceof EtcdAuthenticationException) {
			return new EtcdConfigDataException(message,
					"Check etcd.username and etcd.password: the user must exist in etcd and the password must be its "
							+ "password.",
					cause);
		}
		if (cause instanceof EtcdPermissionDeniedException) {
			return new EtcdConfigDataException(message, "Grant the user of etcd.username read access to the keys under "
					+ resource.getBasePath() + " (etcdctl role grant-permission --prefix).", cause);
		}
		String optional = "optional:" + EtcdConfigDataLocationResolver.PREFIX + resource.getBasePath();
		return new EtcdConfigDataException(message,
				"Check that etcd runs at etcd.endpoints and that this machine "
						+ "reaches it, raise etcd.config.timeout, or import " + optional
						+ " to start without it and take its properties when etcd answers.",
				cause);
	}

	/**
	 * Return what to do about the failure.
	 * @return the action, for a failure analysis
	 */
	public String getAction() {
		return this.action;
	}

}
