package dev.etcdspring.client.mirror;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A local copy of the keys under a prefix, kept current: read at a revision R, then
 * changed by a watch from R + 1, one etcd revision at a time. The watch is the client's
 * own: it loses nothing across reconnects and member failures, and after etcd compacted
 * history it still needed it reads the prefix again (a {@link MirrorChange.Kind#RESYNCED
 * resync}).
 * <p>
 * Reads never wait and never talk to etcd: each revision's state is an immutable
 * {@link MirrorSnapshot} that replaces the previous one at once, so a read sees all of a
 * transaction's changes or none. {@link #awaitRevision(long, Duration)} lets a caller
 * read its own writes: {@code mirror.awaitRevision(template.put(key, value), timeout)}.
 * <pre class="code">
 * try (EtcdMirror flags = EtcdMirror.create(client, "/flags/")) {
 *     flags.awaitReady(Duration.ofSeconds(10));
 *     boolean on = flags.get("/flags/dark-mode").map("on"::equals).orElse(false);
 * }
 * </pre>
 * <p>
 * Memory: the mirror holds every key and value under its prefix (a {@link KeyValue} each,
 * the key also as a {@code String}), and builds a new map of that size for each revision
 * that changes it, so it suits prefixes of up to some ten thousand keys, such as
 * configuration and feature flags, rather than data sets.
 *
 * @since 0.1.0
 */
public final class EtcdMirror implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EtcdMirror.class);

	private final String prefix;

	private final MirrorKeys keys;

	private final List<MirrorListener> listeners = new CopyOnWriteArrayList<>();

	/** Wakes threads in {@link #awaitRevision}; readers never take it. */
	private final ReentrantLock lock = new ReentrantLock();

	private final Condition advanced = this.lock.newCondition();

	private volatile MirrorSnapshot snapshot = MirrorSnapshot.EMPTY;

	private volatile boolean ended;

	private volatile @Nullable Watch watch;

	EtcdMirror(String prefix, MirrorKeys keys, List<MirrorListener> listeners) {
		this.prefix = prefix;
		this.keys = keys;
		this.listeners.addAll(listeners);
	}

	/**
	 * Start mirroring every key under {@code prefix}. Returns at once; the first read
	 * happens in the background ({@link #awaitReady(Duration)} waits for it).
	 * @param client the client
	 * @param prefix the prefix, such as {@code /config/}; empty for every key
	 * @return the running mirror; close it to stop
	 */
	public static EtcdMirror create(EtcdClient client, String prefix) {
		return builder(client).prefix(prefix).start();
	}

	/**
	 * Describe a mirror with a namespace, a key filter or listeners that must see its
	 * first load.
	 * @param client the client
	 * @return the builder
	 */
	public static EtcdMirrorBuilder builder(EtcdClient client) {
		return new EtcdMirrorBuilder(client);
	}

	void start(EtcdClient client) {
		WatchRequest request = WatchRequest.prefix(this.keys.fullPrefix()).withInitialState().resyncOnCompaction();
		this.watch = client.watches().watch(request, new MirrorUpdater(this, this.keys));
	}

	/**
	 * Return the prefix this mirror copies (without the namespace).
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Return a key's value decoded as UTF-8, from memory.
	 * @param key the full key (without the namespace, if any), such as {@code /config/a}
	 * @return the value, or empty when the key does not exist (or is not loaded yet)
	 */
	public Optional<String> get(String key) {
		return this.snapshot.get(key);
	}

	/**
	 * Return a key's value and revisions, from memory.
	 * @param key the full key (without the namespace, if any)
	 * @return the key-value, or empty when the key does not exist
	 */
	public Optional<KeyValue> getKeyValue(String key) {
		return this.snapshot.getKeyValue(key);
	}

	/**
	 * Return every key under the prefix and its key-value, all at one revision.
	 * @return an unmodifiable map, in no particular order
	 */
	public Map<String, KeyValue> entries() {
		return this.snapshot.entries();
	}

	/**
	 * Return the current state: read several keys from it to see them at one revision.
	 * @return the state, immutable
	 */
	public MirrorSnapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Return the etcd revision the mirror is current at: every change up to it is
	 * applied.
	 * @return the revision, 0 before the first load
	 */
	public long revision() {
		return this.snapshot.revision();
	}

	/**
	 * Whether the prefix was read at least once.
	 * @return whether the mirror holds etcd's state
	 */
	public boolean isReady() {
		return revision() > 0;
	}

	/**
	 * Whether the mirror still follows etcd: {@code false} once closed, or when etcd
	 * refused its watch for good.
	 * @return whether it runs
	 */
	public boolean isActive() {
		return !this.ended;
	}

	/**
	 * Wait for the first load.
	 * @param timeout how long to wait at most
	 * @return whether the mirror is ready; {@code false} on timeout, when it ended, or
	 * when the thread was interrupted (its interrupt flag is then set)
	 */
	public boolean awaitReady(Duration timeout) {
		return awaitRevision(1, timeout);
	}

	/**
	 * Wait until the mirror has seen {@code revision}, so that a caller reads its own
	 * writes: pass the revision a put, delete or transaction under the prefix returned. A
	 * revision of a write elsewhere is seen once a later change under the prefix arrives
	 * (the watch is not told of revisions that change nothing it watches). It returns as
	 * soon as that state is readable: listeners may still be being told of it, so that a
	 * slow listener never delays a reader.
	 * @param revision the revision to wait for
	 * @param timeout how long to wait at most
	 * @return whether the mirror is at {@code revision} or later; {@code false} on
	 * timeout, when it ended, or when the thread was interrupted (its interrupt flag is
	 * then set)
	 */
	public boolean awaitRevision(long revision, Duration timeout) {
		if (revision() >= revision) {
			return true;
		}
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (revision() < revision) {
				if (this.ended || nanos <= 0) {
					return false;
				}
				nanos = this.advanced.awaitNanos(nanos);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return revision() >= revision;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Be told of every change from now on (to see the first load, pass the listener to
	 * {@link EtcdMirrorBuilder#listener(MirrorListener)} instead).
	 * @param listener the listener
	 */
	public void addListener(MirrorListener listener) {
		Assert.notNull(listener, "MirrorListener must not be null");
		this.listeners.add(listener);
	}

	/**
	 * Stop telling a listener.
	 * @param listener the listener
	 */
	public void removeListener(MirrorListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Stop following etcd. The last state stays readable; waiting threads return.
	 */
	@Override
	public void close() {
		Watch running = this.watch;
		if (running != null) {
			running.close();
		}
		ended();
	}

	// ---- from the watch, one delivery at a time

	void publish(MirrorChange change) {
		this.snapshot = change.current();
		signal();
		if (change.kind() == MirrorChange.Kind.RESYNCED) {
			logger.info("etcd mirror of " + this.keys.describe() + " read anew at revision " + change.revision()
					+ " after a compaction: " + change.events().size() + " key(s) differ");
		}
		else if (change.kind() == MirrorChange.Kind.LOADED && logger.isDebugEnabled()) {
			logger.debug("etcd mirror of " + this.keys.describe() + " loaded " + change.current().size()
					+ " key(s) at revision " + change.revision());
		}
		if (change.events().isEmpty() && change.kind() == MirrorChange.Kind.CHANGED) {
			return;
		}
		for (MirrorListener listener : this.listeners) {
			try {
				listener.onChange(change);
			}
			catch (RuntimeException ex) {
				// one failing listener must not keep the others from the change
				logger.error("etcd mirror of " + this.keys.describe() + ": listener " + listener
						+ " failed at revision " + change.revision() + "; the mirror goes on", ex);
			}
		}
	}

	void failed(EtcdException failure) {
		for (MirrorListener listener : this.listeners) {
			try {
				listener.onFailure(failure);
			}
			catch (RuntimeException ex) {
				logger.error("etcd mirror of " + this.keys.describe() + ": listener " + listener + " failed", ex);
			}
		}
	}

	void ended(EtcdException cause) {
		ended();
		failed(cause);
	}

	private void ended() {
		this.ended = true;
		signal();
	}

	private void signal() {
		this.lock.lock();
		try {
			this.advanced.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		MirrorSnapshot current = this.snapshot;
		return "EtcdMirror[prefix=" + this.keys.describe() + ", revision=" + current.revision() + ", keys="
				+ current.size() + ", active=" + isActive() + "]";
	}

}
