package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;

import dev.etcdspring.client.mirror.MirrorListener;
import dev.etcdspring.client.mirror.MirrorSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Makes the imported property sources follow their mirrors once the application runs. For
 * each etcd revision that changes imported properties, all at once and one revision at a
 * time:
 * <ol>
 * <li>read the new properties of each imported path (nothing changes if a document does
 * not parse);</li>
 * <li>replace the property sources' contents;</li>
 * <li>bind each affected {@code @ConfigurationProperties} bean into a fresh instance; if
 * any fails to bind or validate, put the old contents back, log an error and publish an
 * {@link EtcdConfigRefreshFailedEvent};</li>
 * <li>copy each fresh JavaBean's state into its bean under the bean's lock, and make the
 * fresh instances the {@link ConfigurationPropertiesSnapshots};</li>
 * <li>with Spring Cloud Context, publish its {@code EnvironmentChangeEvent} (still under
 * the beans' locks, since its rebinder changes them in place) and refresh its refresh
 * scope;</li>
 * <li>publish an {@link EtcdConfigChangedEvent}.</li>
 * </ol>
 */
final class EtcdConfigRefresher implements SmartLifecycle {

	/** After the startup check, before the web server and the watches. */
	static final int PHASE = Integer.MIN_VALUE + 2000;

	private static final Log logger = LogFactory.getLog(EtcdConfigRefresher.class);

	private static final Duration SLOW = Duration.ofSeconds(1);

	private static final int LOGGED_KEYS = 10;

	private final EtcdConfigImports imports;

	private final ConfigurableApplicationContext context;

	private final ConfigurationPropertiesSnapshots snapshots;

	private final @Nullable SpringCloudRefresh springCloud;

	private final Map<EtcdConfigImport, MirrorListener> listeners = new LinkedHashMap<>();

	private volatile boolean running;

	EtcdConfigRefresher(EtcdConfigImports imports, ConfigurableApplicationContext context,
			ConfigurationPropertiesSnapshots snapshots, @Nullable SpringCloudRefresh springCloud) {
		this.imports = imports;
		this.context = context;
		this.snapshots = snapshots;
		this.springCloud = springCloud;
	}

	@Override
	public void start() {
		this.running = true;
		for (EtcdConfigImport location : this.imports.imports()) {
			// the mirror's first read brings what changed since startup (or, for an
			// optional import that started without etcd, everything)
			MirrorListener listener = (change) -> refresh(location, change.current());
			this.listeners.put(location, listener);
			location.follow(listener);
		}
	}

	@Override
	public void stop() {
		// waits for a refresh in progress: none runs while the context closes
		synchronized (this.snapshots.refreshLock()) {
			this.running = false;
		}
		this.listeners.forEach(EtcdConfigImport::unfollow);
		this.listeners.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	void refresh(EtcdConfigImport location, MirrorSnapshot snapshot) {
		synchronized (this.snapshots.refreshLock()) {
			if (!this.running || snapshot.revision() == 0) {
				return;
			}
			long started = System.nanoTime();
			List<EtcdConfigImport.Update> updates;
			try {
				updates = location.prepare(snapshot);
			}
			catch (IllegalStateException ex) {
				failed(snapshot.revision(), Set.of(), ex);
				return;
			}
			Set<String> keys = changedKeys(updates);
			RuntimeException failure = null;
			Map<PropertiesBinder.Target, Object> bound;
			Lock binding = this.snapshots.bindingLock();
			binding.lock();
			try {
				updates.forEach(EtcdConfigImport.Update::apply);
				bound = keys.isEmpty() ? Map.of() : bindAll(keys);
			}
			catch (RuntimeException ex) {
				updates.forEach(EtcdConfigImport.Update::revert);
				bound = null;
				failure = ex;
			}
			finally {
				binding.unlock();
			}
			if (bound == null) {
				failed(snapshot.revision(), keys, failure);
				return;
			}
			if (keys.isEmpty()) {
				return;
			}
			apply(bound, keys);
			publish(new EtcdConfigChangedEvent(this.context, snapshot.revision(), keys));
			logRefresh(snapshot.revision(), keys, updates, bound.size(), started);
		}
	}

	private Map<PropertiesBinder.Target, Object> bindAll(Set<String> keys) {
		PropertiesBinder binder = this.snapshots.binder();
		Binder environment = binder.binder();
		Map<PropertiesBinder.Target, Object> bound = new LinkedHashMap<>();
		for (PropertiesBinder.Target target : binder.targets(keys)) {
			try {
				bound.put(target, binder.bindFresh(target, environment));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Could not bind @ConfigurationProperties bean '" + target.beanName()
						+ "' (" + target.type().getName() + "): " + ex.getMessage(), ex);
			}
		}
		return bound;
	}

	private void apply(Map<PropertiesBinder.Target, Object> bound, Set<String> keys) {
		bound.forEach((target, fresh) -> {
			if (target.javaBean()) {
				// readers that lock the bean see all of one revision's values or none
				synchronized (target.bean()) {
					BeanState.copy(fresh, target.bean());
				}
			}
			this.snapshots.refreshed(target.beanName(), fresh);
		});
		if (this.springCloud != null) {
			List<Object> beans = new ArrayList<>();
			for (PropertiesBinder.Target target : this.snapshots.binder().allTargets()) {
				if (target.javaBean()) {
					beans.add(target.bean());
				}
			}
			try {
				whileLocked(beans, 0, () -> this.springCloud.environmentChanged(this.context, keys));
				this.springCloud.refreshScope();
			}
			catch (RuntimeException ex) {
				logger.error("Spring Cloud's refresh of the changed etcd properties " + keys + " failed", ex);
			}
		}
	}

	/** Run {@code action} holding the monitor of every bean, taken in list order. */
	private static void whileLocked(List<Object> beans, int index, Runnable action) {
		if (index == beans.size()) {
			action.run();
			return;
		}
		synchronized (beans.get(index)) {
			whileLocked(beans, index + 1, action);
		}
	}

	private void failed(long revision, Set<String> keys, Exception failure) {
		logger.error(
				"Could not apply etcd revision " + revision + " to the imported configuration"
						+ (keys.isEmpty() ? "" : " (properties " + describe(keys) + ")")
						+ "; the previous values stay until a later revision applies: " + failure.getMessage(),
				failure);
		publish(new EtcdConfigRefreshFailedEvent(this.context, revision, keys, failure));
	}

	private void publish(Object event) {
		try {
			this.context.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// a listener's failure must not stop the refresh of later revisions
			logger.error("A listener of " + event + " failed", ex);
		}
	}

	private static Set<String> changedKeys(List<EtcdConfigImport.Update> updates) {
		Set<String> keys = new TreeSet<>();
		updates.forEach((update) -> keys.addAll(update.changedKeys()));
		return keys;
	}

	private void logRefresh(long revision, Set<String> keys, List<EtcdConfigImport.Update> updates, int beans,
			long started) {
		long millis = (System.nanoTime() - started) / 1_000_000;
		List<String> sources = updates.stream()
			.filter((update) -> !update.changedKeys().isEmpty())
			.map((update) -> update.source().getName())
			.toList();
		String message = "etcd revision " + revision + " changed " + keys.size() + " propert"
				+ (keys.size() == 1 ? "y" : "ies") + " of " + sources + ": " + describe(keys) + "; rebound " + beans
				+ " @ConfigurationProperties bean(s) in " + millis + " ms";
		if (millis >= SLOW.toMillis()) {
			logger.warn(message + " (slow: listeners of EtcdConfigChangedEvent and the beans' binding run before "
					+ "the next revision)");
		}
		else {
			logger.info(message);
		}
	}

	/** Property names, never values: they can be secrets. */
	private static String describe(Set<String> keys) {
		if (keys.size() <= LOGGED_KEYS) {
			return keys.toString();
		}
		return keys.stream().limit(LOGGED_KEYS).toList() + " and " + (keys.size() - LOGGED_KEYS) + " more";
	}

}
