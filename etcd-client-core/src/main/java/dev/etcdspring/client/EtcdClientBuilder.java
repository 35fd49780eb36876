package dev.etcdspring.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;

import dev.etcdspring.client.auth.EtcdCredentials;
import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.internal.transport.GatewaySettings;
import dev.etcdspring.client.internal.watch.WatchSettings;
import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.watch.WatchMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds an {@link EtcdClient}.
 *
 * @since 0.1.0
 */
public final class EtcdClientBuilder {

	/** Default time to establish a connection to a member. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Default time for one request, including failover to other members. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default largest answer the client accepts, 64 MiB (see
	 * {@link #maxAnswerBytes(long)}).
	 */
	public static final long DEFAULT_MAX_ANSWER_BYTES = GatewaySettings.DEFAULT_MAX_ANSWER_BYTES;

	private final List<String> endpoints = new ArrayList<>();

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

	private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;

	private @Nullable SSLContext sslContext;

	private Duration watchProbeInterval = WatchSettings.DEFAULT_PROBE_INTERVAL;

	private int watchQueueCapacity = WatchSettings.DEFAULT_QUEUE_CAPACITY;

	private Duration watchStartTimeout = WatchSettings.DEFAULT_START_TIMEOUT;

	private EtcdTransport transport = EtcdTransport.builtIn();

	private @Nullable Executor watchExecutor;

	private @Nullable Executor asyncExecutor;

	private WatchMetrics watchMetrics = WatchMetrics.NONE;

	private @Nullable EtcdCredentials credentials;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	EtcdClientBuilder() {
	}

	/**
	 * Set the members' client URLs, {@code http://host:port} or
	 * {@code https://host:port}: the port is required, and credentials go to
	 * {@link #credentials(String, String)}, not into the URL. Any member serves any
	 * request; the client moves to the next one when a member fails.
	 * @param endpoints the endpoints
	 * @return this builder
	 */
	public EtcdClientBuilder endpoints(String... endpoints) {
		return endpoints(Arrays.asList(endpoints));
	}

	/**
	 * Set the members' client URLs.
	 * @param endpoints the endpoints
	 * @return this builder
	 */
	public EtcdClientBuilder endpoints(List<String> endpoints) {
		this.endpoints.clear();
		for (String endpoint : endpoints) {
			this.endpoints.add(normalize(endpoint));
		}
		return this;
	}

	/**
	 * Set how long to wait for a connection to a member before trying the next one.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public EtcdClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout, "connectTimeout");
		return this;
	}

	/**
	 * Set how long one request may take; no call waits much longer, whatever the members
	 * do.
	 * @param requestTimeout the timeout
	 * @return this builder
	 */
	public EtcdClientBuilder requestTimeout(Duration requestTimeout) {
		this.requestTimeout = positive(requestTimeout, "requestTimeout");
		return this;
	}

	/**
	 * Set the largest answer the client accepts from etcd, and the largest message of a
	 * watch stream: 64 MiB of JSON by default, about 46 MiB of keys and values. A larger
	 * one fails the call with {@link EtcdAnswerTooLargeException} (and its connection is
	 * closed) without holding more than the limit in memory, so that neither a large
	 * range nor a faulty or hostile endpoint can exhaust the heap.
	 * @param maxAnswerBytes the limit in bytes, at most {@code Integer.MAX_VALUE - 8}
	 * @return this builder
	 */
	public EtcdClientBuilder maxAnswerBytes(long maxAnswerBytes) {
		Assert.isTrue(maxAnswerBytes > 0 && maxAnswerBytes <= GatewaySettings.MAX_ANSWER_BYTES_LIMIT,
				() -> "maxAnswerBytes must be positive and at most " + GatewaySettings.MAX_ANSWER_BYTES_LIMIT
						+ " (2 GiB), was " + maxAnswerBytes);
		this.maxAnswerBytes = maxAnswerBytes;
		return this;
	}

	/**
	 * Use TLS settings (trust store, client certificate) for {@code https} endpoints.
	 * @param sslContext the context
	 * @return this builder
	 */
	public EtcdClientBuilder sslContext(@Nullable SSLContext sslContext) {
		this.sslContext = sslContext;
		return this;
	}

	/**
	 * Authenticate as {@code username}: a token is obtained once and renewed when etcd
	 * rejects it. The password is kept only in memory and never logged.
	 * @param username the user
	 * @param password the password
	 * @return this builder
	 */
	public EtcdClientBuilder credentials(String username, String password) {
		this.credentials = new EtcdCredentials(username, password);
		return this;
	}

	/**
	 * Authenticate with these credentials, or not at all when {@code null}.
	 * @param credentials the credentials
	 * @return this builder
	 */
	public EtcdClientBuilder credentials(@Nullable EtcdCredentials credentials) {
		this.credentials = credentials;
		return this;
	}

	/**
	 * Observe every call (a timer {@code etcd.client.requests} with Spring Boot's
	 * metrics).
	 * @param registry the registry
	 * @return this builder
	 */
	public EtcdClientBuilder observationRegistry(ObservationRegistry registry) {
		Assert.notNull(registry, "ObservationRegistry must not be null");
		this.observationRegistry = registry;
		return this;
	}

	/**
	 * Count watch events, reconnects and compactions.
	 * @param metrics the recorder
	 * @return this builder
	 */
	public EtcdClientBuilder watchMetrics(WatchMetrics metrics) {
		Assert.notNull(metrics, "WatchMetrics must not be null");
		this.watchMetrics = metrics;
		return this;
	}

	/**
	 * Set how often the member serving the watch stream is probed. A member that does not
	 * answer within this time, or has lost its leader, loses the stream to another
	 * member, and every watch resumes there without loss.
	 * @param probeInterval the interval
	 * @return this builder
	 */
	public EtcdClientBuilder watchProbeInterval(Duration probeInterval) {
		this.watchProbeInterval = positive(probeInterval, "watchProbeInterval");
		return this;
	}

	/**
	 * Set how many revisions may wait for one slow watch listener before its watch stops
	 * buffering and later catches up from etcd's history.
	 * @param capacity the number of revisions
	 * @return this builder
	 */
	public EtcdClientBuilder watchQueueCapacity(int capacity) {
		Assert.isTrue(capacity > 0, "watchQueueCapacity must be positive");
		this.watchQueueCapacity = capacity;
		return this;
	}

	/**
	 * Set how long starting a watch "from now" may wait for etcd to tell the current
	 * revision, so that a slow or hung member never blocks the caller (an application's
	 * startup, for {@code @EtcdWatch} methods) for longer. Past it, the watch starts from
	 * the first revision its stream sees once etcd answers, and a warning names the
	 * endpoints.
	 * @param startTimeout the longest wait
	 * @return this builder
	 */
	public EtcdClientBuilder watchStartTimeout(Duration startTimeout) {
		this.watchStartTimeout = positive(startTimeout, "watchStartTimeout");
		return this;
	}

	/**
	 * Choose how HTTP is spoken: {@link EtcdTransport#builtIn()} (the default) or
	 * Spring's {@code RestClient}
	 * ({@link dev.etcdspring.client.transport.RestClientTransport}).
	 * @param transport the transport
	 * @return this builder
	 */
	public EtcdClientBuilder transport(EtcdTransport transport) {
		Assert.notNull(transport, "EtcdTransport must not be null");
		this.transport = transport;
		return this;
	}

	/**
	 * Run watch listeners on this executor instead of the client's own daemon threads.
	 * Each watch still runs one listener call at a time.
	 * @param executor the executor
	 * @return this builder
	 */
	public EtcdClientBuilder watchExecutor(@Nullable Executor executor) {
		this.watchExecutor = executor;
		return this;
	}

	/**
	 * Run the calls of {@link EtcdClient#async()} on this executor. Each call blocks a
	 * thread of it for as long as the call takes (at most about the request timeout).
	 * Without one, the client runs each call on a virtual thread of its own on Java 21
	 * and later, and on a pool of at most 64 daemon threads ({@code etcd-async-N-*}, more
	 * calls wait in line) before; closing the client shuts that executor down, never one
	 * given here.
	 * @param executor the executor, or {@code null} for the client's own
	 * @return this builder
	 * @since 0.1.0
	 */
	public EtcdClientBuilder asyncExecutor(@Nullable Executor executor) {
		this.asyncExecutor = executor;
		return this;
	}

	/**
	 * Build the client.
	 * @return the client
	 * @throws IllegalArgumentException when no endpoint is set
	 */
	public EtcdClient build() {
		Assert.isTrue(!this.endpoints.isEmpty(), "At least one etcd endpoint is required, e.g. http://127.0.0.1:2379");
		GatewaySettings transport = new GatewaySettings(List.copyOf(this.endpoints), this.connectTimeout,
				this.requestTimeout, this.sslContext, this.credentials, this.observationRegistry, this.maxAnswerBytes,
				this.transport);
		return new DefaultEtcdClient(transport, this.watchProbeInterval, this.watchQueueCapacity, this.watchExecutor,
				this.watchMetrics, this.watchStartTimeout, this.asyncExecutor);
	}

	private static Duration positive(Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
				() -> name + " must be positive, was " + duration);
		return duration;
	}

	static String normalize(String endpoint) {
		Assert.hasText(endpoint, "etcd endpoint must not be empty");
		String trimmed = endpoint.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(invalid(endpoint), ex);
		}
		if (uri.getRawUserInfo() != null) {
			// never echo it: it may hold a password
			throw new IllegalArgumentException("Invalid etcd endpoint '" + uri.getScheme() + "://***@" + uri.getHost()
					+ "...': endpoints must not carry a user; set the credentials apart (etcd.username and "
					+ "etcd.password with Spring Boot, EtcdClientBuilder.credentials(...) otherwise)");
		}
		boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
		if (!web || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
				|| uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalArgumentException(invalid(endpoint));
		}
		if (uri.getPort() == -1) {
			// no silent default: for https it would not even be the scheme's own (443)
			throw new IllegalArgumentException("Invalid etcd endpoint '" + endpoint + "': it has no port; etcd serves "
					+ "clients on port 2379 unless told otherwise, e.g. " + trimmed + ":2379");
		}
		return trimmed;
	}

	private static String invalid(String endpoint) {
		return "Invalid etcd endpoint '" + endpoint + "': expected http://host:port or https://host:port";
	}

}
