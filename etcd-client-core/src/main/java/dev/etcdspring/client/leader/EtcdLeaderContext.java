package dev.etcdspring.client.leader;

import dev.etcdspring.client.kv.Compare;

/**
 * The handle an {@link EtcdLeaderInitiator} gives the leader: whether it still leads, a
 * condition that guards the leader's writes, and the way to step down.
 *
 * @since 0.1.0
 */
public final class EtcdLeaderContext {

	private final EtcdLeaderInitiator initiator;

	EtcdLeaderContext(EtcdLeaderInitiator initiator) {
		this.initiator = initiator;
	}

	/**
	 * Return the election's name: its keys go under {@code name + "/"}.
	 * @return the name
	 * @since 0.1.0
	 */
	public String getName() {
		return this.initiator.getName();
	}

	/**
	 * Return the value this process campaigns with, what {@code etcdctl elect -l} shows
	 * while it leads.
	 * @return the value
	 * @since 0.1.0
	 */
	public String getValue() {
		return this.initiator.getValue();
	}

	/**
	 * Whether this process leads, as far as it knows.
	 * @return whether it is the leader
	 * @since 0.1.0
	 */
	public boolean isLeader() {
		return this.initiator.isLeader();
	}

	/**
	 * Return the condition "this process still leads" (see
	 * {@link dev.etcdspring.client.concurrency.EtcdElection#leaderCondition()}), to guard
	 * a transaction only the leader may run: etcd refuses it once leadership is lost,
	 * even before this process notices.
	 * @return the condition
	 * @throws IllegalStateException when this process does not lead
	 * @since 0.1.0
	 */
	public Compare leaderCondition() {
		return this.initiator.leaderCondition();
	}

	/**
	 * Give up leadership: the initiator resigns, tells the listeners that leadership was
	 * revoked, and campaigns again after its retry delay, so that another candidate leads
	 * meanwhile. Does nothing when this process does not lead. Returns at once; when
	 * called from a listener, the initiator resigns once the listener returns.
	 * @since 0.1.0
	 */
	public void yieldLeadership() {
		this.initiator.yieldLeadership();
	}

	/**
	 * Return the initiator this leadership belongs to.
	 * @return the initiator
	 * @since 0.1.0
	 */
	public EtcdLeaderInitiator getInitiator() {
		return this.initiator;
	}

	@Override
	public String toString() {
		return "EtcdLeaderContext[name=" + getName() + ", value=" + getValue() + ", leader=" + isLeader() + "]";
	}

}
