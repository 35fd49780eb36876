package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.etcdspring.boot.autoconfigure.EtcdClientFactory;
import dev.etcdspring.boot.autoconfigure.EtcdProperties;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundles;

/**
 * Every {@code etcd:} import of an application, shared through Boot's bootstrap context
 * from the config import to the application context (where it is the bean that
 * {@link EtcdConfigRefresher} follows), with the client they use. The client is built
 * from the {@code etcd.*} properties as they stand when the first {@code etcd:} location
 * is resolved; it is the config import's own, apart from the application's
 * {@code EtcdClient} bean, and lives as long as the application context.
 */
final class EtcdConfigImports implements DisposableBean {

	/** After this long a wait for etcd is logged, so that a slow startup is explained. */
	private static final Duration QUIET_WAIT = Duration.ofSeconds(1);

	private final EtcdProperties properties;

	private final @Nullable SslBundles sslBundles;

	private final @Nullable ClassLoader classLoader;

	private final Log logger;

	private final ConfigKeys keys;

	private final Map<String, EtcdConfigImport> imports = new LinkedHashMap<>();

	private @Nullable EtcdClient client;

	/** Refresh is off: every later load reads once and closes what it opened. */
	private boolean readOnce;

	EtcdConfigImports(EtcdProperties properties, @Nullable SslBundles sslBundles, @Nullable ClassLoader classLoader,
			Log logger) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.classLoader = classLoader;
		this.logger = logger;
		this.keys = new ConfigKeys(classLoader, logger);
	}

	boolean isRefreshEnabled() {
		return this.properties.getConfig().getRefresh().isEnabled();
	}

	String profileSeparator() {
		return this.properties.getConfig().getProfileSeparator();
	}

	/**
	 * Load an imported path: read its location's keys if they were not read yet, waiting
	 * at most {@code etcd.config.timeout}, and return the path's property source. The
	 * same resource always gets the same property source, which the refresh keeps
	 * current.
	 * @throws EtcdConfigDataException when etcd does not answer in time and the import is
	 * not optional, or a key does not hold a valid document
	 */
	synchronized EtcdConfigPropertySource load(EtcdConfigDataResource resource) {
		if (!this.readOnce) {
			return read(resource);
		}
		// a reload after startup (Spring Cloud's ContextRefresher) with refresh off
		try {
			return read(resource);
		}
		finally {
			destroy();
		}
	}

	/**
	 * The application context started and nothing is to follow etcd: stop every mirror
	 * and close the client, and read once for any later load.
	 */
	synchronized void closeAfterStartup() {
		this.readOnce = true;
		destroy();
	}

	private EtcdConfigPropertySource read(EtcdConfigDataResource resource) {
		EtcdConfigImport location = this.imports.get(resource.getBasePath());
		if (location == null) {
			location = new EtcdConfigImport(client(), this.properties.getNamespace(), resource.getBasePath(),
					this.properties.getConfig().getProfileSeparator(), this.keys);
			this.imports.put(resource.getBasePath(), location);
		}
		awaitLoaded(location, resource);
		try {
			return location.source(resource);
		}
		catch (IllegalStateException ex) {
			throw new EtcdConfigDataException("Could not import " + resource + ": " + ex.getMessage(),
					"Correct the document in etcd, or rename the key so that it does not end in a file extension.", ex);
		}
	}

	private void awaitLoaded(EtcdConfigImport location, EtcdConfigDataResource resource) {
		Duration timeout = this.properties.getConfig().getTimeout();
		boolean optional = resource.optional();
		Runnable slow = () -> this.logger.info("Waiting for etcd at " + endpoints() + " to import " + resource
				+ ", for at most " + timeout.toMillis() + " ms (etcd.config.timeout)");
		try {
			if (location.awaitLoaded(timeout, optional, QUIET_WAIT, slow)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		EtcdException failure = location.lastFailure();
		if (optional) {
			if (location.unavailable()) {
				String reason = (failure != null)
						? "etcd at " + endpoints() + " (etcd.endpoints) could not be read: " + failure.getMessage()
						: unanswered(timeout);
				this.logger.warn("Starting without " + EtcdConfigDataLocationResolver.PREFIX + location.basePath()
						+ " (optional): " + reason + ". Its properties are added when etcd answers"
						+ (isRefreshEnabled() ? "" : ", if etcd.config.refresh.enabled is true"));
			}
			return;
		}
		destroy();
		String reason = (failure != null) ? "etcd at " + endpoints() + " (etcd.endpoints) could not be read within "
				+ timeout.toMillis() + " ms (etcd.config.timeout): " + failure.getMessage() : unanswered(timeout);
		throw EtcdConfigDataException.unreachable(resource, reason, failure);
	}

	private String unanswered(Duration timeout) {
		return "no etcd member at " + endpoints() + " (etcd.endpoints) answered within " + timeout.toMillis()
				+ " ms (etcd.config.timeout)";
	}

	synchronized List<EtcdConfigImport> imports() {
		return new ArrayList<>(this.imports.values());
	}

	synchronized boolean isEmpty() {
		return this.imports.isEmpty();
	}

	List<String> endpoints() {
		return this.properties.getEndpoints();
	}

	private EtcdClient client() {
		if (this.client == null) {
			this.client = EtcdClientFactory.createFromProperties(this.properties, this.sslBundles, this.classLoader);
		}
		return this.client;
	}

	/**
	 * Stop every mirror and close the client.
	 */
	@Override
	public synchronized void destroy() {
		this.imports.values().forEach(EtcdConfigImport::close);
		this.imports.clear();
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
	}

	@Override
	public String toString() {
		return "EtcdConfigImports[endpoints=" + endpoints() + ", locations=" + this.imports.keySet() + "]";
	}

}
