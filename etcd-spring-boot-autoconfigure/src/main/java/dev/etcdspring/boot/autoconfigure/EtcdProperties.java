package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.EtcdClientBuilder;
import dev.etcdspring.client.transport.ReadBalancing;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.style.ToStringCreator;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for etcd, under {@code etcd.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("etcd")
public class EtcdProperties {

	/**
	 * Client URLs of the etcd members, such as http://127.0.0.1:2379, each with its port.
	 * Any member serves any request; the client moves to the next one when a member
	 * fails.
	 */
	private List<String> endpoints = List.of("http://127.0.0.1:2379");

	/**
	 * Login user of the etcd server, when etcd has authentication enabled. Its
	 * credentials are checked once at startup, within etcd.startup.timeout.
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
	 * Largest answer the client accepts from etcd, and largest message of a watch stream.
	 * A larger one fails the call (EtcdAnswerTooLargeException) and closes its
	 * connection, with no more than this held in memory: neither a range without a limit
	 * nor a faulty endpoint can exhaust the heap. 64MB of JSON holds about 46MB of keys
	 * and values. At most 2047MB.
	 */
	private DataSize maxAnswerSize = DataSize.ofMegabytes(64);

	/**
	 * Path that the template puts in front of every key, such as /myapp, so that
	 * applications sharing a cluster do not see each other's keys. Exactly one slash
	 * joins it to a key, whichever side carries it: /config/a is stored as
	 * /myapp/config/a. Empty for none.
	 */
	private String namespace = "";

	/**
	 * How the client speaks HTTP to etcd: the built-in HTTP/1.1 client (fastest), or
	 * Spring's RestClient with the application's HTTP stack, customizers and observations
	 * (needs spring-boot-starter-restclient).
	 */
	private Transport transport = Transport.BUILT_IN;

	/**
	 * Which member serves serializable reads: "sticky", the member every request goes to
	 * until it fails, or "round-robin", each member in turn (members that failed recently
	 * are skipped for a while), which spreads their cost over the cluster. Linearizable
	 * reads and writes stick to one member either way.
	 */
	private ReadBalancing readBalancing = ReadBalancing.STICKY;

	private final Discovery discovery = new Discovery();

	private final Ssl ssl = new Ssl();

	private final Startup startup = new Startup();

	private final Watch watch = new Watch();

	private final Coalescing coalescing = new Coalescing();

	private final Config config = new Config();

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

	public DataSize getMaxAnswerSize() {
		return this.maxAnswerSize;
	}

	public void setMaxAnswerSize(DataSize maxAnswerSize) {
		this.maxAnswerSize = maxAnswerSize;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public ReadBalancing getReadBalancing() {
		return this.readBalancing;
	}

	public void setReadBalancing(ReadBalancing readBalancing) {
		this.readBalancing = readBalancing;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Coalescing getCoalescing() {
		return this.coalescing;
	}

	public Config getConfig() {
		return this.config;
	}

	@Override
	public String toString() {
		// never the password: properties end up in logs and failure messages
		return new ToStringCreator(this).append("endpoints", this.endpoints)
			.append("username", this.username)
			.append("password", (this.password != null) ? "******" : null)
			.append("connectTimeout", this.connectTimeout)
			.append("requestTimeout", this.requestTimeout)
			.append("maxAnswerSize", this.maxAnswerSize)
			.append("namespace", this.namespace)
			.append("transport", this.transport)
			.append("readBalancing", this.readBalancing)
			.append("discovery", this.discovery)
			.append("ssl", this.ssl)
			.append("startup", this.startup)
			.append("watch", this.watch)
			.append("coalescing", this.coalescing)
			.append("config", this.config)
			.toString();
	}

	/**
	 * How the client speaks HTTP to etcd.
	 */
	public enum Transport {

		/**
		 * The built-in HTTP/1.1 client: one write per request, answers parsed in place.
		 */
		BUILT_IN,

		/**
		 * Spring's RestClient, from the application's RestClient.Builder.
		 */
		REST_CLIENT

	}

	/**
	 * Member discovery: the endpoints follow the cluster's member list.
	 */
	public static class Discovery {

		/**
		 * Whether the endpoints are refreshed from the cluster's member list, at startup
		 * and then every etcd.discovery.interval, so that members added or replaced since
		 * are used. The client URLs the members advertise are used as they are: over TLS,
		 * the members' certificates must be valid for those host names or addresses.
		 */
		private boolean enabled;

		/**
		 * Time between two refreshes of the endpoints from the member list.
		 */
		private Duration interval = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("enabled", this.enabled)
				.append("interval", this.interval)
				.toString();
		}

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
	 * What the application's startup waits for.
	 */
	public static class Startup {

		/**
		 * Whether startup fails when no etcd member answers within the startup timeout.
		 * By default the application starts anyway, and the client keeps trying on each
		 * request and watch.
		 */
		private boolean failFast;

		/**
		 * Time startup waits for an etcd member to answer, when etcd.startup.fail-fast is
		 * on or credentials are set (they are checked once at startup).
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("failFast", this.failFast)
				.append("timeout", this.timeout)
				.toString();
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

		/**
		 * Time starting a watch (an @EtcdWatch method, at startup) may wait for etcd to
		 * tell the revision the watch starts from. Past it the watch starts from the
		 * first revision its stream sees once etcd answers, and a warning names the
		 * endpoints.
		 */
		private Duration startTimeout = Duration.ofSeconds(2);

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public Duration getStartTimeout() {
			return this.startTimeout;
		}

		public void setStartTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("probeInterval", this.probeInterval)
				.append("queueCapacity", this.queueCapacity)
				.append("startTimeout", this.startTimeout)
				.toString();
		}

	}

	/**
	 * How concurrent requests share round trips to etcd.
	 */
	public static class Coalescing {

		/**
		 * Whether concurrent reads of the same consistency combine into one transaction
		 * when others of their kind are under way, and identical waiting reads share one
		 * answer. A read that finds fewer than 'concurrency' reads under way goes out
		 * alone at once.
		 */
		private boolean reads = true;

		/**
		 * Whether concurrent puts, deletes and transactions on distinct keys combine into
		 * one transaction the same way. Writes that shared a round trip share its
		 * revision.
		 */
		private boolean writes;

		/**
		 * Round trips of one kind (linearizable reads, serializable reads, writes) under
		 * way at once. Below this many requests under way, a request goes alone; under
		 * load, each round trip carries about 1/this of the requests of its kind.
		 */
		private int concurrency = EtcdClientBuilder.DEFAULT_COALESCING_CONCURRENCY;

		public boolean isReads() {
			return this.reads;
		}

		public void setReads(boolean reads) {
			this.reads = reads;
		}

		public boolean isWrites() {
			return this.writes;
		}

		public void setWrites(boolean writes) {
			this.writes = writes;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("reads", this.reads)
				.append("writes", this.writes)
				.append("concurrency", this.concurrency)
				.toString();
		}

	}

	/**
	 * Settings of spring.config.import=etcd:..., read before the application context
	 * exists.
	 */
	public static class Config {

		/**
		 * Time startup waits for etcd to load an etcd: import. Past it, startup fails;
		 * with optional:etcd:... it goes on without the import's properties, which arrive
		 * when etcd answers.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Text between an imported path and a profile in the profile-specific path that
		 * is read with it: etcd:/config/myapp/ with the profile dev also reads
		 * /config/myapp-dev/. Must not contain a slash.
		 */
		private String profileSeparator = "-";

		private final Refresh refresh = new Refresh();

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public String getProfileSeparator() {
			return this.profileSeparator;
		}

		public void setProfileSeparator(String profileSeparator) {
			this.profileSeparator = profileSeparator;
		}

		public Refresh getRefresh() {
			return this.refresh;
		}

		@Override
		public String toString() {
			return new ToStringCreator(this).append("timeout", this.timeout)
				.append("profileSeparator", this.profileSeparator)
				.append("refresh", this.refresh)
				.toString();
		}

		/**
		 * What happens when imported keys change after startup.
		 */
		public static class Refresh {

			/**
			 * Whether imported properties follow etcd after startup: each etcd revision
			 * that changes them replaces them all at once, rebinds the
			 * @ConfigurationProperties beans and publishes an EtcdConfigChangedEvent.
			 * Without it they keep the values read at startup.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			@Override
			public String toString() {
				return new ToStringCreator(this).append("enabled", this.enabled).toString();
			}

		}

	}

}
