package dev.etcdspring.client.listener;

import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.watch.WatchEvent;

/**
 * What an {@link EtcdWatchEndpoint} calls for each change it delivers: the
 * listener-container counterpart of a {@code WatchListener}. An {@code @EtcdWatch} method
 * is adapted to one; register your own with an {@link EtcdWatchEndpoint} built in code.
 * <p>
 * The container calls it once per change, in revision order, one call at a time. What it
 * throws goes to the container's {@link EtcdWatchErrorHandler} and the watch goes on.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdWatchEventListener {

	/**
	 * Handle one change.
	 * @param event the change; its key is without the template's namespace
	 * @param template the template of the container that runs the watch: read values with
	 * its serializer ({@link EtcdOperations#deserialize(byte[], Class)}), which is the
	 * one the container factory chose
	 * @throws Exception any failure, passed to the error handler
	 */
	void onEvent(WatchEvent event, EtcdOperations template) throws Exception;

}
