package dev.etcdspring.client.leader;

/**
 * This process no longer leads the election: it yielded, the initiator stopped, or the
 * lease was lost.
 *
 * @since 0.1.0
 * @see EtcdLeaderListener#onRevoked(EtcdLeaderContext)
 */
public class EtcdLeaderRevokedEvent extends EtcdLeaderEvent {

	/**
	 * Create an event.
	 * @param source the initiator
	 * @param context the leadership that ended
	 * @since 0.1.0
	 */
	public EtcdLeaderRevokedEvent(EtcdLeaderInitiator source, EtcdLeaderContext context) {
		super(source, context);
	}

}
