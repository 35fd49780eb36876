package dev.etcdspring.boot.autoconfigure;

import javax.net.ssl.SSLException;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdServerException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains the etcd client's startup failures in terms of the {@code etcd.*} properties:
 * a refused setting, rejected credentials, a TLS handshake that failed, no member
 * answering at startup with {@code etcd.startup.fail-fast}.
 */
class EtcdFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		InvalidEtcdSettingException invalidSetting = findCause(failure, InvalidEtcdSettingException.class);
		if (invalidSetting != null) {
			return analyzeInvalidSetting(invalidSetting);
		}
		EtcdPermissionDeniedException denied = findCause(failure, EtcdPermissionDeniedException.class);
		if (denied != null) {
			return new FailureAnalysis("The etcd user lacks a permission: " + denied.getMessage(),
					"Grant the user of etcd.username a role that allows the keys the application uses "
							+ "(etcdctl role grant-permission), or set etcd.username to a user that has one.",
					denied);
		}
		EtcdAuthenticationException authentication = findCause(failure, EtcdAuthenticationException.class);
		if (authentication != null) {
			return analyzeAuthentication(authentication);
		}
		EtcdServerException server = findCause(failure, EtcdServerException.class);
		if (server != null && server.getError() == EtcdError.AUTH_NOT_ENABLED) {
			return new FailureAnalysis(
					"etcd.username is set, but etcd has authentication disabled: " + server.getMessage(),
					"Remove etcd.username and etcd.password, or enable authentication in etcd (etcdctl auth enable).",
					server);
		}
		EtcdConnectionException connection = findCause(failure, EtcdConnectionException.class);
		if (connection != null && findCause(connection, SSLException.class) != null) {
			return new FailureAnalysis("The TLS handshake with etcd failed: " + connection.getMessage(),
					"Check etcd.ssl.bundle: its trust material must contain the CA that signed the etcd server's "
							+ "certificate, which must name the host of etcd.endpoints; when etcd requires client "
							+ "certificates (--client-cert-auth), the bundle also needs a key and certificate that "
							+ "etcd's --trusted-ca-file trusts.",
					connection);
		}
		EtcdStartupException startup = findCause(failure, EtcdStartupException.class);
		if (startup != null) {
			return new FailureAnalysis(startup.getMessage(),
					"Check that etcd runs at etcd.endpoints and that this machine reaches it (etcdctl --endpoints "
							+ String.join(",", startup.getEndpoints()) + " endpoint health), raise "
							+ "etcd.startup.timeout, or set etcd.startup.fail-fast=false to start without etcd and "
							+ "let the client keep trying.",
					startup);
		}
		return null;
	}

	private FailureAnalysis analyzeInvalidSetting(InvalidEtcdSettingException failure) {
		InvalidEtcdSettingException.Setting setting = failure.getSetting();
		String type = failure.getConnectionDetailsType();
		if (type != null && setting.isFromConnectionDetails()) {
			return new FailureAnalysis(
					"The etcd client could not be created: " + failure.getMessage()
							+ " (supplied by the EtcdConnectionDetails bean of type " + type + ")",
					"Check the EtcdConnectionDetails bean of type " + type + " (a service connection, or a bean of "
							+ "your own): it replaces the etcd.endpoints, etcd.username, etcd.password and "
							+ "etcd.ssl.bundle properties.",
					failure);
		}
		return new FailureAnalysis("The etcd client could not be created: " + failure.getMessage() + " (property "
				+ setting.getProperty() + ")", setting.getAction(), failure);
	}

	private FailureAnalysis analyzeAuthentication(EtcdAuthenticationException failure) {
		if (failure.getError() == EtcdError.USER_NAME_EMPTY) {
			// the client's message says what to set already
			return new FailureAnalysis(
					"etcd requires authentication, but no credentials were sent (etcd at " + failure.getEndpoint()
							+ " answered '" + failure.getServerMessage() + "')",
					"Set etcd.username and etcd.password.", failure);
		}
		return new FailureAnalysis("etcd rejected the client's credentials: " + failure.getMessage(),
				"Check etcd.username and etcd.password (or the credentials of your EtcdConnectionDetails bean): "
						+ "the user must exist in etcd (etcdctl user list) and the password must be its password.",
				failure);
	}

	private static <E extends Throwable> @Nullable E findCause(@Nullable Throwable failure, Class<E> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
