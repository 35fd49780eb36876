package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.mirror.EtcdMirrorBuilder;
import dev.etcdspring.client.mirror.MirrorChange;
import dev.etcdspring.client.mirror.MirrorListener;
import dev.etcdspring.client.mirror.MirrorSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One {@code etcd:} location and what it imports: the keys of the location's path and of
 * its profile-specific companions, read together at one revision (so that a transaction
 * changing both is applied at once), and a property source per imported path.
 * <p>
 * At startup a mirror reads the keys once and is closed again: nothing of the import runs
 * in the background while Boot sets up logging and creates the beans. Once the context
 * starts, {@link EtcdConfigRefresher} has the location {@linkplain #follow followed} by a
 * mirror that stays. Either mirror watches every key that starts with the path without
 * its trailing slash ({@code /config/myapp} for {@code etcd:/config/myapp/}) and keeps
 * those under the path or under a profile-specific path; other keys that start the same
 * way (such as {@code /config/myapp2/...}) are read and dropped.
 */
final class EtcdConfigImport implements MirrorListener {

	private final EtcdClient client;

	private final String namespace;

	private final String basePath;

	private final Predicate<String> filter;

	private final ConfigKeys keys;

	private final Map<String, EtcdConfigPropertySource> sources = new LinkedHashMap<>();

	private final Object monitor = new Object();

	private volatile @Nullable EtcdException lastFailure;

	/** The keys as read at startup, until a mirror follows them. */
	private volatile @Nullable MirrorSnapshot startup;

	private volatile @Nullable EtcdMirror following;

	private boolean unavailable;

	private boolean reportedUnavailable;

	EtcdConfigImport(EtcdClient client, String namespace, String basePath, String profileSeparator, ConfigKeys keys) {
		this.client = client;
		this.namespace = namespace;
		this.basePath = basePath;
		this.keys = keys;
		String profileStem = stem() + profileSeparator;
		this.filter = (key) -> key.startsWith(basePath) || key.startsWith(profileStem);
	}

	private String stem() {
		return this.basePath.substring(0, this.basePath.length() - 1);
	}

	String basePath() {
		return this.basePath;
	}

	/**
	 * Read the location's keys once, unless they were read already.
	 * @param timeout the longest wait
	 * @param untilFailure whether to stop at the first failure (an optional import need
	 * not wait for an etcd that refuses connections)
	 * @param quiet how long to wait before telling {@code slow}
	 * @param slow told once when the wait lasts longer than {@code quiet}
	 * @return whether the keys are read
	 */
	synchronized boolean awaitLoaded(Duration timeout, boolean untilFailure, Duration quiet, Runnable slow)
			throws InterruptedException {
		if (this.startup != null || this.following != null) {
			return true;
		}
		if (this.unavailable) {
			return false;
		}
		EtcdMirror once = mirror().listener(this).start();
		try {
			boolean loaded = awaitLoaded(once, untilFailure,
					System.nanoTime() + Math.min(quiet.toNanos(), timeout.toNanos()));
			if (!loaded && quiet.compareTo(timeout) < 0 && waitsOn(once, untilFailure)) {
				slow.run();
				loaded = awaitLoaded(once, untilFailure, System.nanoTime() + timeout.minus(quiet).toNanos());
			}
			if (loaded) {
				this.startup = once.snapshot();
			}
			return loaded;
		}
		finally {
			once.close();
		}
	}

	private boolean awaitLoaded(EtcdMirror once, boolean untilFailure, long deadline) throws InterruptedException {
		synchronized (this.monitor) {
			while (waitsOn(once, untilFailure)) {
				long millis = (deadline - System.nanoTime()) / 1_000_000;
				if (millis <= 0) {
					return false;
				}
				this.monitor.wait(millis);
			}
		}
		return once.isReady();
	}

	/** Whether the first read is still to come and worth waiting for. */
	private boolean waitsOn(EtcdMirror once, boolean untilFailure) {
		EtcdException failure = this.lastFailure;
		return !once.isReady() && once.isActive() && (failure == null || !(untilFailure || isPermanent(failure)));
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
	 * An optional import goes on without etcd: later paths of this location do not wait
	 * again, and the location and its profile-specific paths share one warning.
	 * @return whether this is the first time
	 */
	synchronized boolean unavailable() {
		this.unavailable = true;
		boolean first = !this.reportedUnavailable;
		this.reportedUnavailable = true;
		return first;
	}

	/**
	 * Follow etcd from now on: start a mirror that calls {@code listener} with each
	 * change, its first read included.
	 */
	synchronized void follow(MirrorListener listener) {
		EtcdMirror mirror = this.following;
		if (mirror == null) {
			this.following = mirror().listener(listener).start();
		}
		else {
			mirror.addListener(listener);
		}
	}

	synchronized void unfollow(MirrorListener listener) {
		EtcdMirror mirror = this.following;
		if (mirror != null) {
			mirror.removeListener(listener);
		}
	}

	private EtcdMirrorBuilder mirror() {
		return EtcdMirror.builder(this.client).namespace(this.namespace).prefix(stem()).filter(this.filter);
	}

	/** The keys as they are now: followed, else as read at startup, else none. */
	private @Nullable MirrorSnapshot current() {
		EtcdMirror mirror = this.following;
		return (mirror != null && mirror.isReady()) ? mirror.snapshot() : this.startup;
	}

	/**
	 * Return the property source of an imported path, created from the keys as they are
	 * the first time.
	 */
	EtcdConfigPropertySource source(EtcdConfigDataResource resource) {
		synchronized (this.sources) {
			EtcdConfigPropertySource source = this.sources.get(resource.getPath());
			if (source == null) {
				MirrorSnapshot snapshot = current();
				EtcdConfigPropertySource.Content content = (snapshot != null)
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

	synchronized void close() {
		EtcdMirror mirror = this.following;
		if (mirror != null) {
			mirror.close();
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
