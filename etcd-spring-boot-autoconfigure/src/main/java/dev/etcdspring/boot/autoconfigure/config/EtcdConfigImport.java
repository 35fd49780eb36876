package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.mirror.MirrorChange;
import dev.etcdspring.client.mirror.MirrorListener;
import dev.etcdspring.client.mirror.MirrorSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One {@code etcd:} location and what it imports: a mirror of the location's path and of
 * its profile-specific companions (one watch for all, so that a transaction changing both
 * is applied at once), and a property source per imported path.
 * <p>
 * The mirror watches every key that starts with the path without its trailing slash
 * ({@code /config/myapp} for {@code etcd:/config/myapp/}) and keeps those under the path
 * or under a profile-specific path; other keys that start the same way (such as
 * {@code /config/myapp2/...}) are read and dropped.
 */
final class EtcdConfigImport implements MirrorListener {

	private final String basePath;

	private final EtcdMirror mirror;

	private final ConfigKeys keys;

	private final Map<String, EtcdConfigPropertySource> sources = new LinkedHashMap<>();

	private final Object monitor = new Object();

	private volatile @Nullable EtcdException lastFailure;

	private boolean reportedUnavailable;

	EtcdConfigImport(EtcdClient client, String namespace, String basePath, String profileSeparator, ConfigKeys keys) {
		this.basePath = basePath;
		this.keys = keys;
		String stem = basePath.substring(0, basePath.length() - 1);
		String profileStem = stem + profileSeparator;
		this.mirror = EtcdMirror.builder(client)
			.namespace(namespace)
			.prefix(stem)
			.filter((key) -> key.startsWith(basePath) || key.startsWith(profileStem))
			.listener(this)
			.start();
	}

	String basePath() {
		return this.basePath;
	}

	EtcdMirror mirror() {
		return this.mirror;
	}

	/**
	 * Wait for the mirror's first load.
	 * @param timeout the longest wait
	 * @param untilFailure whether to stop at the first failure (an optional import need
	 * not wait for an etcd that refuses connections)
	 * @return whether it is loaded
	 */
	boolean awaitLoaded(Duration timeout, boolean untilFailure) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!this.mirror.isReady() && this.mirror.isActive()) {
				EtcdException failure = this.lastFailure;
				if (failure != null && (untilFailure || isPermanent(failure))) {
					return false;
				}
				long millis = (deadline - System.nanoTime()) / 1_000_000;
				if (millis <= 0) {
					return false;
				}
				this.monitor.wait(millis);
			}
		}
		return this.mirror.isReady();
	}

	/**
	 * Whether waiting longer cannot help: etcd answered and refused who the client is or
	 * what it asked for.
	 */
	private static boolean isPermanent(EtcdException failure) {
		return failure instanceof EtcdAuthenticationException || failure instanceof EtcdPermissionDeniedException;
	}

	@Nullable EtcdException lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Whether this is the first time an optional import of this location goes on without
	 * etcd: the location and its profile-specific paths share one warning.
	 */
	synchronized boolean firstUnavailable() {
		boolean first = !this.reportedUnavailable;
		this.reportedUnavailable = true;
		return first;
	}

	/**
	 * Return the property source of an imported path, created from the mirror's current
	 * state the first time.
	 */
	EtcdConfigPropertySource source(EtcdConfigDataResource resource) {
		synchronized (this.sources) {
			EtcdConfigPropertySource source = this.sources.get(resource.getPath());
			if (source == null) {
				MirrorSnapshot snapshot = this.mirror.snapshot();
				EtcdConfigPropertySource.Content content = (snapshot.revision() > 0)
						? this.keys.read(snapshot, resource.getPath()) : EtcdConfigPropertySource.Content.NONE;
				source = new EtcdConfigPropertySource(resource, content);
				this.sources.put(resource.getPath(), source);
			}
			return source;
		}
	}

	List<EtcdConfigPropertySource> sources() {
		synchronized (this.sources) {
			return new ArrayList<>(this.sources.values());
		}
	}

	/**
	 * Read the new content of each property source that is behind {@code snapshot}.
	 * Nothing is replaced yet.
	 * @throws IllegalStateException when a document cannot be parsed
	 */
	List<Update> prepare(MirrorSnapshot snapshot) {
		List<Update> updates = new ArrayList<>();
		for (EtcdConfigPropertySource source : sources()) {
			EtcdConfigPropertySource.Content before = source.content();
			if (before.revision() < snapshot.revision()) {
				String path = source.getSource().getPath();
				updates.add(new Update(source, before, this.keys.read(snapshot, path)));
			}
		}
		return updates;
	}

	@Override
	public void onChange(MirrorChange change) {
		this.lastFailure = null;
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	@Override
	public void onFailure(EtcdException failure) {
		this.lastFailure = failure;
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	void close() {
		this.mirror.close();
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	/**
	 * The content a property source had and the one it gets.
	 */
	record Update(EtcdConfigPropertySource source, EtcdConfigPropertySource.Content before,
			EtcdConfigPropertySource.Content after) {

		void apply() {
			this.source.replace(this.after);
		}

		/**
		 * The names of the properties added, changed or removed. Values are compared, not
		 * origins: a new revision of the same value is no change.
		 */
		Set<String> changedKeys() {
			Map<String, Object> before = this.before.properties();
			Map<String, Object> after = this.after.properties();
			Set<String> keys = new TreeSet<>();
			before.forEach((name, value) -> {
				if (!value.equals(after.get(name))) {
					keys.add(name);
				}
			});
			after.keySet().forEach((name) -> {
				if (!before.containsKey(name)) {
					keys.add(name);
				}
			});
			return keys;
		}

		void revert() {
			this.source.replace(this.before);
		}

	}

}
