package dev.etcdspring.client.transport;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.etcdspring.client.EtcdCredentials;
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
 * @param transport how HTTP is spoken
 * @since 0.1.0
 */
public record GatewaySettings(List<String> endpoints, Duration connectTimeout, Duration requestTimeout,
		@Nullable SSLContext sslContext, @Nullable EtcdCredentials credentials, ObservationRegistry observationRegistry,
		EtcdTransport transport) {

	@Override
	public String toString() {
		return "GatewaySettings[endpoints=" + this.endpoints + ", connectTimeout=" + this.connectTimeout
				+ ", requestTimeout=" + this.requestTimeout + ", tls=" + (this.sslContext != null) + ", user="
				+ ((this.credentials != null) ? this.credentials.username() : "none") + ", transport=" + this.transport
				+ "]";
	}

}
