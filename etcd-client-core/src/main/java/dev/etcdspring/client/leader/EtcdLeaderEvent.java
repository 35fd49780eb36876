package dev.etcdspring.client.leader;

import org.springframework.context.ApplicationEvent;

/**
 * A change of leadership that an {@link EtcdLeaderInitiator} publishes; its source is the
 * initiator.
 *
 * @since 0.1.0
 */
public abstract class EtcdLeaderEvent extends ApplicationEvent {

	private final transient EtcdLeaderContext context;

	EtcdLeaderEvent(EtcdLeaderInitiator source, EtcdLeaderContext context) {
		super(source);
		this.context = context;
	}

	/**
	 * Return the election's name.
	 * @return the name
	 * @since 0.1.0
	 */
	public String getName() {
		return this.context.getName();
	}

	/**
	 * Return the value this process campaigns with.
	 * @return the value
	 * @since 0.1.0
	 */
	public String getValue() {
		return this.context.getValue();
	}

	/**
	 * Return the leadership, to check it or give it up.
	 * @return the context
	 * @since 0.1.0
	 */
	public EtcdLeaderContext getContext() {
		return this.context;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[name=" + getName() + ", value=" + getValue() + "]";
	}

}
