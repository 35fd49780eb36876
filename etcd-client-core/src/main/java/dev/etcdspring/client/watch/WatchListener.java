package dev.etcdspring.client.watch;

import java.util.List;

import dev.etcdspring.client.EtcdException;

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
	 * The history the watch needed was compacted away: changes between the watch's next
	 * revision and {@code compactRevision} are lost to it, and the watch has ended. Read
	 * the current state and watch again from that read's revision + 1.
	 * @param compactRevision the revision the store was compacted at
	 */
	default void onCompacted(long compactRevision) {
	}

	/**
	 * The stream broke; the watch reconnects and resumes where it was, losing nothing.
	 * @param cause what broke it
	 */
	default void onDisconnected(EtcdException cause) {
	}

}
