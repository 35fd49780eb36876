package dev.etcdspring.client.concurrency;

/**
 * Something registered that can be cancelled: a listener or an observation. Closing it
 * again does nothing.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdSubscription extends AutoCloseable {

	/**
	 * Cancel the registration: no callback starts after this returns.
	 * @since 0.1.0
	 */
	@Override
	void close();

}
