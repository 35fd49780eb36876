package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.style.ToStringCreator;

/**
 * Configuration properties for etcd, under {@code etcd.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("etcd")
public class EtcdProperties {

	/**
	 * Client URLs of the etcd members, such as http://127.0.0.1:2379. Any member serves
	 * any request; the client moves to the next one when a member fails.
	 */
	private List<String> endpoints = List.of("http://127.0.0.1:2379");

	/**
	 * Login user of the etcd server, when etcd has authentication enabled. Its
	 * credentials are checked once at startup.
	 */
	private @Nullable String username;

	/**
	 * Login password of the etcd server.
	 */
	private @Nullable String password;

	/**
	 * Time to wait for a connection to a member before trying the next one.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Time one request may take, including failover to other members.
	 */
	private Duration requestTimeout = Duration.ofSeconds(10);

	/**
	 * Prefix that the template puts in front of every key, such as /myapp/, so that
	 * applications sharing a cluster do not see each other's keys. Empty for none.
	 */
	private String namespace = "";

	private final Ssl ssl = new Ssl();

	private final Watch watch = new Watch();

	public List<String> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<String> endpoints) {
		this.endpoints = endpoints;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Watch getWatch() {
		return this.watch;
	}

	@Override
	public String toString() {
		// never the password: properties end up in logs and failure messages
		return new ToStringCreator(this).append("endpoints", this.endpoints)
			.append("username", this.username)
			.append("password", (this.password != null) ? "******" : null)
			.append("connectTimeout", this.connectTimeout)
			.append("requestTimeout", this.requestTimeout)
			.append("namespace", this.namespace)
			.append("ssl", this.ssl)
			.append("watch", this.watch)
			.toString();
	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * SSL bundle (spring.ssl.bundle.*) with the trust material for https endpoints
		 * and, for client certificate authentication, the client's key and certificate.
		 * Without one, https endpoints are verified against the JDK's trusted
		 * certificates.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("bundle", this.bundle).toString();
		}

	}

	/**
	 * Watch settings.
	 */
	public static class Watch {

		/**
		 * Interval between probes of the member serving the watch stream. A member that
		 * does not answer within this time, or has lost its leader, loses the stream to
		 * another member, and every watch resumes there without loss.
		 */
		private Duration probeInterval = Duration.ofSeconds(2);

		/**
		 * Number of revisions that may wait for one slow watch listener before its watch
		 * stops buffering and later catches up from etcd's history.
		 */
		private int queueCapacity = 10000;

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("probeInterval", this.probeInterval)
				.append("queueCapacity", this.queueCapacity)
				.toString();
		}

	}

}
