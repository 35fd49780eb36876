package dev.etcdspring.boot.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import dev.etcdspring.client.transport.RestClientTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.RestClient;

/**
 * {@code etcd.transport=rest-client}: the client speaks to etcd through the application's
 * {@link RestClient.Builder}, so that its customizers, observations
 * ({@code http.client.requests}) and chosen request factory (JDK, Apache HttpClient 5,
 * Jetty, Reactor) apply. Two request factories are built from the application's
 * {@link ClientHttpRequestFactoryBuilder}: one for calls, with
 * {@code etcd.connect-timeout} and {@code etcd.request-timeout}, and one for watch
 * streams, without a read timeout (an idle watch is silent for as long as nothing
 * changes). Both use {@code etcd.ssl.bundle}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnProperty(name = "etcd.transport", havingValue = "rest-client")
class EtcdRestClientTransportConfiguration {

	/** Daemon threads that end when idle: nothing to shut down with the context. */
	private static final Executor JDK_HTTP_THREADS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "etcd-jdk-http");
		thread.setDaemon(true);
		return thread;
	});

	/** First, so that the application's own customizers see, and may replace, it. */
	@Bean
	@Order(Integer.MIN_VALUE)
	EtcdClientCustomizer etcdRestClientTransportCustomizer(ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, EtcdConnectionDetails connectionDetails,
			EtcdProperties properties) {
		return (builder) -> {
			ClientHttpRequestFactoryBuilder<?> factories = requestFactoryBuilder
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
			factories = jdkTuned(factories,
					connectionDetails.getEndpoints().stream().anyMatch((endpoint) -> endpoint.startsWith("http:")));
			HttpClientSettings settings = settings(httpClientSettings.getIfAvailable(HttpClientSettings::defaults),
					connectionDetails.getSslBundle(), properties.getConnectTimeout());
			// the Boot builder bean is a prototype: each call gets a fresh copy
			RestClient.Builder calls = restClientBuilder.getIfAvailable(RestClient::builder)
				.requestFactory(factories.build(settings.withReadTimeout(properties.getRequestTimeout())));
			RestClient.Builder streams = restClientBuilder.getIfAvailable(RestClient::builder)
				.requestFactory(factories.build(settings));
			builder.transport(RestClientTransport.of(calls, streams));
		};
	}

	private static HttpClientSettings settings(HttpClientSettings application, SslBundle sslBundle,
			Duration connectTimeout) {
		HttpClientSettings settings = application.withTimeouts(connectTimeout, null);
		return (sslBundle != null) ? settings.withSslBundle(sslBundle) : settings;
	}

	/**
	 * Two things the JDK's client needs for etcd. Without an executor, Spring's JDK
	 * request factory starts a new thread for every request body; etcd's factories get a
	 * pool of their own. And on {@code http://} endpoints it would offer HTTP/2 by an
	 * upgrade, while etcd hands plaintext HTTP/2 to its gRPC server, not to the JSON
	 * gateway: it is held to HTTP/1.1 there. Over TLS, etcd serves the gateway on HTTP/2
	 * as well. The other stacks speak HTTP/1.1 on plaintext and pool their own threads.
	 */
	private static ClientHttpRequestFactoryBuilder<?> jdkTuned(ClientHttpRequestFactoryBuilder<?> builder,
			boolean plaintext) {
		if (!(builder instanceof JdkClientHttpRequestFactoryBuilder jdk)) {
			return builder;
		}
		JdkClientHttpRequestFactoryBuilder tuned = jdk.withExecutor(JDK_HTTP_THREADS);
		return plaintext ? tuned.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				: tuned;
	}

}
