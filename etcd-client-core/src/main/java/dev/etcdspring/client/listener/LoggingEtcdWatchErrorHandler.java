package dev.etcdspring.client.listener;

import dev.etcdspring.client.exception.EtcdSerializationException;
import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.watch.WatchEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs a failed call of a watch method at ERROR level. Values can be secrets: the message
 * names the watch, the change and the key, never the value.
 */
final class LoggingEtcdWatchErrorHandler implements EtcdWatchErrorHandler {

	static final LoggingEtcdWatchErrorHandler INSTANCE = new LoggingEtcdWatchErrorHandler();

	private static final Log logger = LogFactory.getLog(EtcdWatchErrorHandler.class);

	private LoggingEtcdWatchErrorHandler() {
	}

	@Override
	public void handle(Exception exception, WatchEvent event, String endpointId) {
		String message = "etcd watch '" + endpointId + "' failed on the " + event.type() + " of key '"
				+ Keys.printable(event.kv().key()) + "' at revision " + event.revision();
		if (exception instanceof EtcdSerializationException) {
			// the parser's message quotes the bytes it choked on: part of the value
			logger.error(message + ": its value could not be converted to the parameter's type "
					+ "(details left out, they may quote the value); the watch goes on");
		}
		else {
			logger.error(message + "; the watch goes on", exception);
		}
	}

	@Override
	public String toString() {
		return "EtcdWatchErrorHandler.logging()";
	}

}
