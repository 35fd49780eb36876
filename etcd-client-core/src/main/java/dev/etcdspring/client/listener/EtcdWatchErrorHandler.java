package dev.etcdspring.client.listener;

import dev.etcdspring.client.watch.WatchEvent;

/**
 * Handles an exception thrown by the listener of a watch (an {@code @EtcdWatch} method,
 * or the conversion of its arguments). The watch goes on with the next event whatever the
 * handler does; an exception the handler throws is logged.
 * <p>
 * Declare a bean of this type to replace the {@link #logging() default}, which logs; give
 * one watch its own with a container factory
 * ({@link DefaultEtcdWatchContainerFactory#setErrorHandler}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdWatchErrorHandler {

	/**
	 * Handle a failed call.
	 * @param exception what the listener (or the conversion of a value) threw
	 * @param event the change the listener was called for; its key is without the
	 * template's namespace
	 * @param endpointId the id of the watch
	 */
	void handle(Exception exception, WatchEvent event, String endpointId);

	/**
	 * Return the default handler: it logs the failure at ERROR level with the watch id,
	 * the key and the revision, never the value (values can be secrets).
	 * @return the logging handler
	 */
	static EtcdWatchErrorHandler logging() {
		return LoggingEtcdWatchErrorHandler.INSTANCE;
	}

}
