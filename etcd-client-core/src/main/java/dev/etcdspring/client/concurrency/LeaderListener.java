package dev.etcdspring.client.concurrency;

/**
 * Told who leads an election, as {@link EtcdElection#observe(LeaderListener)} sees it:
 * first the current state, then each change of leader or of the leader's value. Called on
 * a watch thread, one call at a time and in the order of etcd's revisions.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LeaderListener {

	/**
	 * A leader was elected, or the leader proclaimed a new value.
	 * @param leader the leader's key and value
	 * @since 0.1.0
	 */
	void onLeader(EtcdLeader leader);

	/**
	 * Nobody leads the election: no candidate at all is left.
	 * @since 0.1.0
	 */
	default void onNoLeader() {
	}

}
