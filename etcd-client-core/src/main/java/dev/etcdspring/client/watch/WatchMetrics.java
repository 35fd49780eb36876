package dev.etcdspring.client.watch;

/**
 * Told what the watch engine does, for metrics: the Spring Boot auto-configuration turns
 * these calls into Micrometer counters. Calls come from the engine's threads: keep them
 * cheap.
 *
 * @since 0.1.0
 */
public interface WatchMetrics {

	/** Records nothing. */
	WatchMetrics NONE = new WatchMetrics() {
	};

	/**
	 * Events were queued for a listener.
	 * @param count how many
	 */
	default void eventsReceived(int count) {
	}

	/**
	 * The watch stream broke or went silent and is being moved to a member.
	 * @param endpoint the member it left
	 */
	default void streamReconnected(String endpoint) {
	}

	/**
	 * A watch found the history it needed compacted away.
	 * @param compactRevision the revision etcd compacted at
	 */
	default void compacted(long compactRevision) {
	}

}
