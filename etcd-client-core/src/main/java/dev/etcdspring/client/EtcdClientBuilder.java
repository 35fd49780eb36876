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
import dev.etcdspring.client.internal.kv.CoalescingSettings;
import dev.etcdspring.client.internal.transport.GatewaySettings;
import dev.etcdspring.client.internal.watch.WatchSettings;
import dev.etcdspring.client.kv.CoalescingMetrics;
import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.transport.ReadBalancing;
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

	/**
	 * The default number of round trips of one kind (linearizable reads, serializable
	 * reads, writes) under way at once before concurrent requests combine.
	 */
	public static final int DEFAULT_COALESCING_CONCURRENCY = 4;

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

	private boolean coalesceReads = true;

	private boolean coalesceWrites;

	private int coalescingConcurrency = DEFAULT_COALESCING_CONCURRENCY;

	private CoalescingMetrics coalescingMetrics = CoalescingMetrics.NONE;

	private ReadBalancing readBalancing = ReadBalancing.STICKY;

	private @Nullable Duration discoveryInterval;

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
	 * Let concurrent ranges of the same consistency share round trips (on by default). A
	 * range that finds fewer than {@link #coalescingConcurrency(int)} ranges of its kind
	 * under way goes out alone at once; others wait for a round trip to end and leave
	 * together as one transaction, and identical reads waiting together share one answer.
	 * Each caller gets its own answer, as fresh as if sent alone.
	 * @param coalesce whether reads combine
	 * @return this builder
	 */
	public EtcdClientBuilder coalesceReads(boolean coalesce) {
		this.coalesceReads = coalesce;
		return this;
	}

	/**
	 * Choose which member serves serializable reads: the one the client sticks to
	 * ({@link ReadBalancing#STICKY}, the default), or each member in turn
	 * ({@link ReadBalancing#ROUND_ROBIN}), which spreads their cost over the cluster.
	 * Linearizable reads and writes stick to one member either way.
	 * @param readBalancing the strategy
	 * @return this builder
	 */
	public EtcdClientBuilder readBalancing(ReadBalancing readBalancing) {
		Assert.notNull(readBalancing, "ReadBalancing must not be null");
		this.readBalancing = readBalancing;
		return this;
	}

	/**
	 * Let concurrent puts, deletes and transactions on distinct keys share round trips
	 * (off by default), like {@link #coalesceReads(boolean) reads}: transactions go
	 * nested. Writes that shared a round trip share its revision: callers that compare
	 * revisions to order their writes see equal ones. A combined transaction that etcd
	 * refuses was not applied, and each write is then sent again alone, so that a failure
	 * stays with the write that caused it.
	 * @param coalesce whether writes combine
	 * @return this builder
	 */
	public EtcdClientBuilder coalesceWrites(boolean coalesce) {
		this.coalesceWrites = coalesce;
		return this;
	}

	/**
	 * Set how many round trips of one kind (linearizable reads, serializable reads,
	 * writes) may be under way at once; default {@value #DEFAULT_COALESCING_CONCURRENCY}.
	 * Below this many requests under way, a request goes alone; under load, each round
	 * trip carries about 1/this of the requests of its kind. Fewer means larger batches
	 * and fewer requests for etcd to decode; more means less waiting at low load.
	 * @param concurrency round trips per kind
	 * @return this builder
	 */
	public EtcdClientBuilder coalescingConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, () -> "coalescingConcurrency must be positive, was " + concurrency);
		this.coalescingConcurrency = concurrency;
		return this;
	}

	/**
	 * Record how many requests each round trip answers.
	 * @param metrics the recorder
	 * @return this builder
	 */
	public EtcdClientBuilder coalescingMetrics(CoalescingMetrics metrics) {
		Assert.notNull(metrics, "CoalescingMetrics must not be null");
		this.coalescingMetrics = metrics;
		return this;
	}

	/**
	 * Refresh the endpoints from the cluster's member list once the client is built, then
	 * every {@code interval}, so that members added or replaced since are used: the
	 * client URLs that started, voting members advertise replace the endpoints given
	 * (those stay the first contact). The URLs are used as advertised
	 * ({@code --advertise-client-urls}): over TLS, the members' certificates must be
	 * valid for those host names or IP addresses. Only URLs of the scheme the endpoints
	 * use are taken, so {@code https} never turns into {@code http}. Off by default.
	 * @param interval the time between two refreshes, or {@code null} to keep the
	 * endpoints given
	 * @return this builder
	 */
	public EtcdClientBuilder discoverMembers(@Nullable Duration interval) {
		this.discoveryInterval = (interval != null) ? positive(interval, "discovery interval") : null;
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
				this.transport, this.readBalancing, this.discoveryInterval);
		CoalescingSettings coalescing = new CoalescingSettings(this.coalesceReads, this.coalesceWrites,
				this.coalescingConcurrency, this.coalescingMetrics);
		return new DefaultEtcdClient(transport, coalescing, this.watchProbeInterval, this.watchQueueCapacity,
				this.watchExecutor, this.watchMetrics, this.watchStartTimeout, this.asyncExecutor);
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
