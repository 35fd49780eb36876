package dev.etcdspring.client.internal.transport;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.etcdspring.client.auth.EtcdCredentials;
import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.transport.ReadBalancing;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How the transport reaches the cluster.
 *
 * @param endpoints the members' client URLs
 * @param connectTimeout time to establish a connection
 * @param requestTimeout time for one call, failover included
 * @param sslContext TLS settings for {@code https} endpoints, or {@code null} for the
 * JDK's
 * @param credentials user and password when etcd has authentication enabled, else
 * {@code null}
 * @param observationRegistry where calls are observed
 * @param maxAnswerBytes the largest answer body, and the largest watch message, that the
 * client accepts; at most {@link #MAX_ANSWER_BYTES_LIMIT}
 * @param transport how HTTP is spoken
 * @param readBalancing which member serves a serializable read
 * @param discoveryInterval how often the endpoints are refreshed from the cluster's
 * member list, or {@code null} to keep those given
 * @since 0.1.0
 */
public record GatewaySettings(List<String> endpoints, Duration connectTimeout, Duration requestTimeout,
		@Nullable SSLContext sslContext, @Nullable EtcdCredentials credentials, ObservationRegistry observationRegistry,
		long maxAnswerBytes, EtcdTransport transport, ReadBalancing readBalancing,
		@Nullable Duration discoveryInterval) {

	/**
	 * The default largest answer, 64 MiB of JSON. etcd's own limits do not bound an
	 * answer: a range without a limit returns every matching key (its gRPC server sends
	 * up to 2 GiB), so the client must. 64 MiB holds about 46 MiB of keys and values once
	 * their base64 is decoded: a range of 30 full-size values of etcd's default 1.5 MiB
	 * request limit, or of 100,000 keys with 300-byte values. That is 16 times
	 * gRPC-Java's (jetcd's) default of 4 MiB, and little enough to fit, twice, in a
	 * modest heap.
	 */
	public static final long DEFAULT_MAX_ANSWER_BYTES = 64L * 1024 * 1024;

	/** The largest possible limit: a Java array holds no more. */
	public static final long MAX_ANSWER_BYTES_LIMIT = Integer.MAX_VALUE - 8;

	public GatewaySettings {
		if (maxAnswerBytes < 1 || maxAnswerBytes > MAX_ANSWER_BYTES_LIMIT) {
			throw new IllegalArgumentException(
					"maxAnswerBytes must be between 1 and " + MAX_ANSWER_BYTES_LIMIT + ", was " + maxAnswerBytes);
		}
		if (readBalancing == null) {
			throw new IllegalArgumentException("readBalancing must not be null");
		}
		if (discoveryInterval != null && (discoveryInterval.isNegative() || discoveryInterval.isZero())) {
			throw new IllegalArgumentException("discoveryInterval must be positive, was " + discoveryInterval);
		}
	}

	/**
	 * Settings that stick to one member and keep the endpoints given.
	 * @param endpoints the members' client URLs
	 * @param connectTimeout time to establish a connection
	 * @param requestTimeout time for one call, failover included
	 * @param sslContext TLS settings, or {@code null} for the JDK's
	 * @param credentials user and password, or {@code null}
	 * @param observationRegistry where calls are observed
	 * @param maxAnswerBytes the largest answer body
	 * @param transport how HTTP is spoken
	 */
	public GatewaySettings(List<String> endpoints, Duration connectTimeout, Duration requestTimeout,
			@Nullable SSLContext sslContext, @Nullable EtcdCredentials credentials,
			ObservationRegistry observationRegistry, long maxAnswerBytes, EtcdTransport transport) {
		this(endpoints, connectTimeout, requestTimeout, sslContext, credentials, observationRegistry, maxAnswerBytes,
				transport, ReadBalancing.STICKY, null);
	}

	/**
	 * Settings with the default limit on answers, {@link #DEFAULT_MAX_ANSWER_BYTES}, and
	 * the built-in transport.
	 * @param endpoints the members' client URLs
	 * @param connectTimeout time to establish a connection
	 * @param requestTimeout time for one call, failover included
	 * @param sslContext TLS settings, or {@code null} for the JDK's
	 * @param credentials user and password, or {@code null}
	 * @param observationRegistry where calls are observed
	 */
	public GatewaySettings(List<String> endpoints, Duration connectTimeout, Duration requestTimeout,
			@Nullable SSLContext sslContext, @Nullable EtcdCredentials credentials,
			ObservationRegistry observationRegistry) {
		this(endpoints, connectTimeout, requestTimeout, sslContext, credentials, observationRegistry,
				DEFAULT_MAX_ANSWER_BYTES, EtcdTransport.builtIn());
	}

	@Override
	public String toString() {
		return "GatewaySettings[endpoints=" + this.endpoints + ", connectTimeout=" + this.connectTimeout
				+ ", requestTimeout=" + this.requestTimeout + ", tls=" + (this.sslContext != null) + ", user="
				+ ((this.credentials != null) ? this.credentials.username() : "none") + ", maxAnswerBytes="
				+ this.maxAnswerBytes + ", transport=" + this.transport + ", readBalancing=" + this.readBalancing
				+ ", discoveryInterval=" + this.discoveryInterval + "]";
	}

}
