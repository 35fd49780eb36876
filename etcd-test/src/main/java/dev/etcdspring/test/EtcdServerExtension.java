package dev.etcdspring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that runs a real etcd server or cluster for a test class.
 * <p>
 * Register it on a static field so that one server serves the whole class:
 * <pre class="code">
 * &#64;RegisterExtension
 * static EtcdServerExtension etcd = EtcdServerExtension.single();
 * </pre>
 * <p>
 * On a non-static field it starts and closes etcd around each test instead. Test and
 * lifecycle methods may also declare {@link EtcdServer} (for a cluster, member 0) or
 * {@link EtcdCluster} parameters.
 * <p>
 * {@link #withTls()} and {@link #withClientCertificates()} make etcd serve clients over
 * https only, with certificates made for it; {@link #tls()} has them and an
 * {@code SSLContext} for a client: <pre class="code">
 * &#64;RegisterExtension
 * static EtcdServerExtension etcd = EtcdServerExtension.single().withClientCertificates();
 *
 * EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).sslContext(etcd.tls().sslContext()).build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class EtcdServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final int members;

	private final List<String> extraArgs;

	private final EtcdTls.Mode tls;

	private @Nullable EtcdServer server;

	private @Nullable EtcdCluster cluster;

	// @Nested classes call beforeAll/afterAll again; only the outermost afterAll closes.
	private int depth;

	private boolean startedPerTest;

	private EtcdServerExtension(int members, List<String> extraArgs, EtcdTls.Mode tls) {
		this.members = members;
		this.extraArgs = List.copyOf(extraArgs);
		this.tls = tls;
	}

	/**
	 * Return an extension running a standalone server.
	 * @return a new extension
	 * @since 0.1.0
	 */
	public static EtcdServerExtension single() {
		return new EtcdServerExtension(0, List.of(), EtcdTls.Mode.OFF);
	}

	/**
	 * Return an extension running a standalone server with extra etcd flags.
	 * @param extraArgs the etcd flags, for example {@code --max-request-bytes=1024}
	 * @return a new extension
	 * @since 0.1.0
	 */
	public static EtcdServerExtension single(String... extraArgs) {
		return new EtcdServerExtension(0, List.of(extraArgs), EtcdTls.Mode.OFF);
	}

	/**
	 * Return an extension running a local cluster.
	 * @param members the number of members, usually 3
	 * @return a new extension
	 * @since 0.1.0
	 */
	public static EtcdServerExtension cluster(int members) {
		return cluster(members, new String[0]);
	}

	/**
	 * Return an extension running a local cluster whose members get extra etcd flags.
	 * @param members the number of members, usually 3
	 * @param extraArgs the etcd flags for every member
	 * @return a new extension
	 * @since 0.1.0
	 */
	public static EtcdServerExtension cluster(int members, String... extraArgs) {
		if (members < 1) {
			throw new IllegalArgumentException("A cluster needs at least one member, not " + members);
		}
		return new EtcdServerExtension(members, List.of(extraArgs), EtcdTls.Mode.OFF);
	}

	/**
	 * Return an extension like this one whose etcd serves clients over https only, with
	 * certificates made for it (see {@link #tls()}); clients need not present a
	 * certificate.
	 * @return a new extension
	 * @since 0.1.0
	 */
	public EtcdServerExtension withTls() {
		return new EtcdServerExtension(this.members, this.extraArgs, EtcdTls.Mode.SERVER);
	}

	/**
	 * Return an extension like this one whose etcd serves clients over https only and
	 * requires a client certificate of the CA made for it ({@code --client-cert-auth},
	 * see {@link #tls()}).
	 * @return a new extension
	 * @since 0.1.0
	 */
	public EtcdServerExtension withClientCertificates() {
		return new EtcdServerExtension(this.members, this.extraArgs, EtcdTls.Mode.CLIENT_CERTIFICATES);
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		ensureStarted();
		this.depth++;
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.depth = Math.max(0, this.depth - 1);
		if (this.depth == 0) {
			closeAll();
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		if (!isStarted()) {
			ensureStarted();
			this.startedPerTest = true;
		}
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.startedPerTest) {
			closeAll();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		// Claim EtcdCluster only in cluster mode so that a single-server extension can
		// sit
		// next to a cluster extension in one class.
		return type == EtcdServer.class || (type == EtcdCluster.class && this.members > 0);
	}

	@Override
	public synchronized Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		// With @TestInstance(PER_CLASS) constructor parameters are resolved before
		// beforeAll.
		ensureStarted();
		return (parameterContext.getParameter().getType() == EtcdCluster.class) ? cluster() : server();
	}

	/**
	 * Return the client endpoints of all members.
	 * @return the client endpoints
	 * @since 0.1.0
	 */
	public synchronized List<String> endpoints() {
		EtcdCluster current = this.cluster;
		return (current != null) ? current.endpoints() : List.of(server().endpoint());
	}

	/**
	 * Return the client endpoint of the server (for a cluster, of member 0).
	 * @return the client endpoint
	 * @since 0.1.0
	 */
	public String endpoint() {
		return endpoints().get(0);
	}

	/**
	 * Return the server; for a cluster, member 0.
	 * @return the running server
	 * @throws IllegalStateException if etcd is not started
	 * @since 0.1.0
	 */
	public synchronized EtcdServer server() {
		EtcdCluster currentCluster = this.cluster;
		if (currentCluster != null) {
			return currentCluster.member(0);
		}
		EtcdServer current = this.server;
		if (current == null) {
			throw notStarted();
		}
		return current;
	}

	/**
	 * Return the cluster.
	 * @return the running cluster
	 * @throws IllegalStateException if this extension runs a single server or etcd is not
	 * started
	 * @since 0.1.0
	 */
	public synchronized EtcdCluster cluster() {
		if (this.members == 0) {
			throw new IllegalStateException(
					"This extension runs a single etcd server; use EtcdServerExtension.cluster(n) for a cluster");
		}
		EtcdCluster current = this.cluster;
		if (current == null) {
			throw notStarted();
		}
		return current;
	}

	/**
	 * Return the certificates of etcd started {@link #withTls() with TLS}, and an
	 * {@code SSLContext} for its clients.
	 * @return the TLS material
	 * @throws IllegalStateException if etcd serves plain http or is not started
	 * @since 0.1.0
	 */
	public EtcdTls tls() {
		return server().tls();
	}

	/**
	 * Run {@code etcdctl} (API v3) against all endpoints, with a 30 second timeout.
	 * @param args the etcdctl arguments, for example {@code "get", "key"}
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(String... args) {
		return Etcdctl.run(endpoints(), server().tlsOrNull(), null, args);
	}

	/**
	 * Run {@code etcdctl} (API v3) against all endpoints with the given standard input.
	 * @param stdin the bytes to write to standard input
	 * @param args the etcdctl arguments
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(byte[] stdin, String... args) {
		return Etcdctl.run(endpoints(), server().tlsOrNull(), stdin, args);
	}

	private boolean isStarted() {
		return this.server != null || this.cluster != null;
	}

	private void ensureStarted() {
		if (isStarted()) {
			return;
		}
		if (this.members > 0) {
			this.cluster = new EtcdCluster(EtcdLauncher.start(this.members, this.extraArgs, this.tls));
		}
		else {
			this.server = EtcdLauncher.start(1, this.extraArgs, this.tls).get(0);
		}
	}

	private void closeAll() {
		EtcdServer currentServer = this.server;
		EtcdCluster currentCluster = this.cluster;
		this.server = null;
		this.cluster = null;
		this.startedPerTest = false;
		if (currentServer != null) {
			currentServer.close();
		}
		if (currentCluster != null) {
			currentCluster.close();
		}
	}

	private static IllegalStateException notStarted() {
		return new IllegalStateException("etcd is not started: register EtcdServerExtension with @RegisterExtension "
				+ "(on a static field to share one server per class) and use it from tests or lifecycle methods");
	}

}
