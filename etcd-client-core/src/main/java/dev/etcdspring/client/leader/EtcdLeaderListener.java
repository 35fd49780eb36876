package dev.etcdspring.client.leader;

/**
 * Told by an {@link EtcdLeaderInitiator} when this process becomes the leader and when it
 * stops being it. Called on the initiator's thread, one call at a time: the initiator
 * does nothing else meanwhile, so keep calls short and hand long work to other threads.
 *
 * @since 0.1.0
 */
public interface EtcdLeaderListener {

	/**
	 * This process leads the election now.
	 * @param context the leadership, to check it or give it up
	 * @since 0.1.0
	 */
	void onGranted(EtcdLeaderContext context);

	/**
	 * This process no longer leads: it yielded, the initiator stopped, or the lease was
	 * lost (etcd could not be reached in time, or the key was deleted).
	 * {@link EtcdLeaderContext#isLeader()} is {@code false} by then.
	 * @param context the leadership that ended
	 * @since 0.1.0
	 */
	default void onRevoked(EtcdLeaderContext context) {
	}

}
