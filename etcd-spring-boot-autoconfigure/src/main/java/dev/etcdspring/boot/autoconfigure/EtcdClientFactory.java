package dev.etcdspring.boot.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.etcdspring.boot.autoconfigure.InvalidEtcdSettingException.Setting;
import dev.etcdspring.client.EtcdAuthenticationException;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientBuilder;
import dev.etcdspring.client.EtcdException;
import dev.etcdspring.client.EtcdServerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * Builds the auto-configured {@link EtcdClient}: where and as whom from
 * {@link EtcdConnectionDetails}, how from {@link EtcdProperties}. A refused setting is
 * reported with the property it came from.
 */
final class EtcdClientFactory {

	private static final Log logger = LogFactory.getLog(EtcdClientFactory.class);

	private final EtcdConnectionDetails connectionDetails;

	private final EtcdProperties properties;

	EtcdClientFactory(EtcdConnectionDetails connectionDetails, EtcdProperties properties) {
		this.connectionDetails = connectionDetails;
		this.properties = properties;
	}

	/**
	 * Build the client.
	 * @param customizer last changes to the builder (observation, metrics, customizers)
	 * @return the client; when credentials are set, they have been accepted by etcd or
	 * etcd could not be reached
	 * @throws InvalidEtcdSettingException when a setting is refused
	 * @throws EtcdAuthenticationException when etcd rejects the credentials
	 */
	EtcdClient create(Consumer<EtcdClientBuilder> customizer) {
		EtcdClientBuilder builder = EtcdClient.builder();
		EtcdConnectionDetails details = this.connectionDetails;
		apply(Setting.ENDPOINTS, () -> builder.endpoints(details.getEndpoints()));
		String username = details.getUsername();
		if (StringUtils.hasText(username)) {
			String password = details.getPassword();
			apply(Setting.PASSWORD, () -> builder.credentials(username, password));
		}
		SslBundle sslBundle = apply(Setting.SSL_BUNDLE, details::getSslBundle);
		if (sslBundle != null) {
			builder.sslContext(sslBundle.createSslContext());
		}
		EtcdProperties.Watch watch = this.properties.getWatch();
		apply(Setting.CONNECT_TIMEOUT, () -> builder.connectTimeout(this.properties.getConnectTimeout()));
		apply(Setting.REQUEST_TIMEOUT, () -> builder.requestTimeout(this.properties.getRequestTimeout()));
		apply(Setting.WATCH_PROBE_INTERVAL, () -> builder.watchProbeInterval(watch.getProbeInterval()));
		apply(Setting.WATCH_QUEUE_CAPACITY, () -> builder.watchQueueCapacity(watch.getQueueCapacity()));
		customizer.accept(builder);
		// build() only complains about a missing endpoint
		EtcdClient client = apply(Setting.ENDPOINTS, builder::build);
		if (StringUtils.hasText(username)) {
			checkCredentials(client);
		}
		return client;
	}

	/**
	 * Authenticate once now, so that wrong credentials fail startup with a clear message
	 * instead of every later request. An unreachable etcd does not fail startup: the
	 * client keeps trying on each request.
	 */
	private static void checkCredentials(EtcdClient client) {
		try {
			client.cluster().status();
		}
		catch (EtcdException ex) {
			// with authentication disabled, every request would fail the same way
			if (ex instanceof EtcdAuthenticationException
					|| (ex instanceof EtcdServerException server && isAuthenticationDisabled(server))) {
				client.close();
				throw ex;
			}
			logger.warn("Could not check the etcd credentials at startup, etcd will be tried again on the first "
					+ "request: " + ex.getMessage());
		}
	}

	/**
	 * Whether etcd refused to authenticate because it has authentication disabled.
	 * @param failure what etcd answered
	 * @return whether credentials are pointless with this etcd
	 */
	static boolean isAuthenticationDisabled(EtcdServerException failure) {
		return failure.getServerMessage().toLowerCase().contains("authentication is not enabled");
	}

	private void apply(Setting setting, Runnable action) {
		apply(setting, () -> {
			action.run();
			return null;
		});
	}

	private <T> @Nullable T apply(Setting setting, Supplier<@Nullable T> action) {
		try {
			return action.get();
		}
		catch (IllegalArgumentException | NoSuchSslBundleException ex) {
			throw new InvalidEtcdSettingException(setting, connectionDetailsType(), ex);
		}
	}

	private @Nullable String connectionDetailsType() {
		return (this.connectionDetails instanceof PropertiesEtcdConnectionDetails) ? null
				: this.connectionDetails.getClass().getName();
	}

}
