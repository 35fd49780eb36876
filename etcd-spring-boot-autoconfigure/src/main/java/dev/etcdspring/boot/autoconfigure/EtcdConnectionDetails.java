package dev.etcdspring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where and how to connect to etcd. By default backed by the {@code etcd.*} properties;
 * Testcontainers ({@code @ServiceConnection}), Docker Compose and {@code etcd-test}
 * supply their own.
 *
 * @since 0.1.0
 */
public interface EtcdConnectionDetails extends ConnectionDetails {

	/**
	 * Return the members' client URLs, such as {@code http://127.0.0.1:2379}.
	 * @return the endpoints
	 */
	List<String> getEndpoints();

	/**
	 * Return the user to authenticate as, or {@code null} when etcd has no
	 * authentication.
	 * @return the user name
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * Return the password of {@link #getUsername()}.
	 * @return the password
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * Return the SSL bundle for {@code https} endpoints, or {@code null} for the JDK's
	 * defaults.
	 * @return the SSL bundle
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
