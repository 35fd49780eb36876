package dev.etcdspring.boot.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.etcdspring.boot.autoconfigure.InvalidEtcdSettingException.Setting;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientBuilder;
import dev.etcdspring.client.transport.TlsOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Builds the auto-configured {@link EtcdClient}: where and as whom from
 * {@link EtcdConnectionDetails}, how from {@link EtcdProperties}. A refused setting is
 * reported with the property it came from.
 *
 * @since 0.1.0
 */
public final class EtcdClientFactory {

	private final EtcdConnectionDetails connectionDetails;

	private final EtcdProperties properties;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a factory.
	 * @param connectionDetails where and as whom
	 * @param properties how
	 * @param classLoader the application's class loader, where the optional transport's
	 * classes are looked for
	 */
	EtcdClientFactory(EtcdConnectionDetails connectionDetails, EtcdProperties properties,
			@Nullable ClassLoader classLoader) {
		this.connectionDetails = connectionDetails;
		this.properties = properties;
		this.classLoader = classLoader;
	}

	/**
	 * Build a client from the {@code etcd.*} properties alone, for code that runs before
	 * the application context exists (the config import): no customizers, observations or
	 * service connections, and always the built-in transport.
	 * @param properties the properties, bound from the environment
	 * @param sslBundles the SSL bundles that {@code etcd.ssl.bundle} may name, or
	 * {@code null} for none
	 * @param classLoader the application's class loader
	 * @return the client, which has not talked to etcd yet
	 * @throws IllegalArgumentException when a setting is refused; its message names the
	 * property
	 */
	public static EtcdClient createFromProperties(EtcdProperties properties, @Nullable SslBundles sslBundles,
			@Nullable ClassLoader classLoader) {
		return new EtcdClientFactory(new PropertiesEtcdConnectionDetails(properties, sslBundles), properties,
				classLoader)
			.create((builder) -> {
			});
	}

	/**
	 * Build the client.
	 * @param customizer last changes to the builder (observation, metrics, customizers)
	 * @return the client, which has not talked to etcd yet ({@link EtcdStartupCheck} does
	 * at startup)
	 * @throws InvalidEtcdSettingException when a setting is refused
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
			// the bundle's protocols and ciphers too, not only its key and trust material
			SslOptions options = sslBundle.getOptions();
			builder.sslContext(TlsOptions.restrict(sslBundle.createSslContext(),
					SslOptions.asSet(options.getEnabledProtocols()), SslOptions.asSet(options.getCiphers())));
		}
		EtcdProperties.Watch watch = this.properties.getWatch();
		apply(Setting.CONNECT_TIMEOUT, () -> builder.connectTimeout(this.properties.getConnectTimeout()));
		apply(Setting.REQUEST_TIMEOUT, () -> builder.requestTimeout(this.properties.getRequestTimeout()));
		apply(Setting.MAX_ANSWER_SIZE, () -> builder.maxAnswerBytes(this.properties.getMaxAnswerSize().toBytes()));
		apply(Setting.WATCH_PROBE_INTERVAL, () -> builder.watchProbeInterval(watch.getProbeInterval()));
		apply(Setting.WATCH_QUEUE_CAPACITY, () -> builder.watchQueueCapacity(watch.getQueueCapacity()));
		apply(Setting.WATCH_START_TIMEOUT, () -> builder.watchStartTimeout(watch.getStartTimeout()));
		EtcdProperties.Coalescing coalescing = this.properties.getCoalescing();
		builder.coalesceReads(coalescing.isReads()).coalesceWrites(coalescing.isWrites());
		apply(Setting.COALESCING_CONCURRENCY, () -> builder.coalescingConcurrency(coalescing.getConcurrency()));
		builder.readBalancing(this.properties.getReadBalancing());
		EtcdProperties.Discovery discovery = this.properties.getDiscovery();
		if (discovery.isEnabled()) {
			apply(Setting.DISCOVERY_INTERVAL, () -> builder.discoverMembers(discovery.getInterval()));
		}
		if (this.properties.getTransport() == EtcdProperties.Transport.REST_CLIENT
				&& !RestClientSupport.isPresent(this.classLoader)) {
			throw new InvalidEtcdSettingException(Setting.TRANSPORT, null, new IllegalArgumentException(
					"etcd.transport=rest-client needs Spring's RestClient and Spring Boot's HTTP client support "
							+ "on the classpath"));
		}
		customizer.accept(builder);
		// build() only complains about a missing endpoint
		return apply(Setting.ENDPOINTS, builder::build);
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

	/**
	 * Whether the classes of {@link EtcdRestClientTransportConfiguration} are there.
	 */
	static final class RestClientSupport {

		private RestClientSupport() {
		}

		static boolean isPresent(@Nullable ClassLoader loader) {
			return ClassUtils.isPresent("org.springframework.web.client.RestClient", loader) && ClassUtils
				.isPresent("org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder", loader);
		}

	}

}
