package dev.etcdspring.client.watch;

/**
 * A running watch.
 *
 * @since 0.1.0
 */
public interface Watch extends AutoCloseable {

	/**
	 * Return the revision the watch resumes from after a reconnect: the last delivered
	 * revision + 1, or the revision of etcd's last progress notification + 1 when that is
	 * later.
	 * @return the next revision
	 */
	long nextRevision();

	/**
	 * Whether the watch still runs: {@code false} once closed or compacted.
	 * @return whether it runs
	 */
	boolean isActive();

	/**
	 * End the watch; no event is delivered after this returns.
	 */
	@Override
	void close();

}
