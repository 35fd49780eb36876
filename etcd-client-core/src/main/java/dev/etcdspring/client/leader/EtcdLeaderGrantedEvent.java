package dev.etcdspring.client.leader;

/**
 * This process leads the election now.
 *
 * @since 0.1.0
 * @see EtcdLeaderListener#onGranted(EtcdLeaderContext)
 */
public class EtcdLeaderGrantedEvent extends EtcdLeaderEvent {

	/**
	 * Create an event.
	 * @param source the initiator
	 * @param context the leadership
	 * @since 0.1.0
	 */
	public EtcdLeaderGrantedEvent(EtcdLeaderInitiator source, EtcdLeaderContext context) {
		super(source, context);
	}

}
