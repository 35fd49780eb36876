package dev.etcdspring.client.watch;

import java.util.List;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;

/**
 * Receives the changes of a watch, in revision order, each exactly once.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WatchListener {

	/**
	 * One change.
	 * @param event the change
	 */
	void onEvent(WatchEvent event);

	/**
	 * All changes of one revision (a transaction may change several keys at once). By
	 * default each is passed to {@link #onEvent(WatchEvent)}.
	 * @param revision the revision
	 * @param events its changes, never split across calls
	 */
	default void onRevision(long revision, List<WatchEvent> events) {
		events.forEach(this::onEvent);
	}

	/**
	 * The complete current state of the watched key or prefix, read at {@code revision}:
	 * sent first when the request asked for the initial state, and after a compaction
	 * when it asked to resync. Changes after {@code revision} follow. By default each
	 * key-value is passed to {@link #onEvent(WatchEvent)} as a put.
	 * @param revision the revision the state was read at
	 * @param kvs every key-value that exists at that revision
	 */
	default void onSnapshot(long revision, List<KeyValue> kvs) {
		kvs.forEach((kv) -> onEvent(new WatchEvent(WatchEvent.Type.PUT, kv, null)));
	}

	/**
	 * etcd's progress notification: nothing the watch would see changed up to
	 * {@code revision}, beyond what was delivered before this call. The watch resumes
	 * after it from now on (see {@link WatchRequest#progressNotify(boolean)}). A listener
	 * that keeps state may note that its state is current as of {@code revision}. Does
	 * nothing by default.
	 * @param revision the store's revision when etcd sent the notification
	 * @since 0.1.0
	 */
	default void onProgress(long revision) {
	}

	/**
	 * The history the watch needed was compacted away: changes between the watch's next
	 * revision and {@code compactRevision} are lost to it. If the request asked to
	 * resync, a {@link #onSnapshot snapshot} of the current state follows and the watch
	 * goes on from there; otherwise the watch has ended.
	 * @param compactRevision the revision the store was compacted at
	 */
	default void onCompacted(long compactRevision) {
	}

	/**
	 * etcd refused the watch for good, for example because the user may not read the key:
	 * the watch has ended, and the other watches of the client go on.
	 * @param cause why etcd refused it
	 */
	default void onCancelled(EtcdException cause) {
	}

	/**
	 * The stream broke; the watch reconnects and resumes where it was, losing nothing.
	 * @param cause what broke it
	 */
	default void onDisconnected(EtcdException cause) {
	}

}
