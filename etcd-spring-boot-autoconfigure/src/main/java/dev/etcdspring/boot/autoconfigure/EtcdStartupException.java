package dev.etcdspring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * No etcd member answered at startup, and {@code etcd.startup.fail-fast} asked for
 * startup to fail then.
 *
 * @since 0.1.0
 */
public class EtcdStartupException extends RuntimeException {

	private final List<String> endpoints;

	/**
	 * Create an exception.
	 * @param endpoints the endpoints asked
	 * @param reason why none answered
	 * @param cause the last failure, if any
	 */
	public EtcdStartupException(List<String> endpoints, String reason, @Nullable Throwable cause) {
		super("No etcd member at " + endpoints + " answered at startup: " + reason, cause);
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * Return the endpoints that were asked.
	 * @return the endpoints
	 */
	public List<String> getEndpoints() {
		return this.endpoints;
	}

}
