package dev.etcdspring.client.concurrency;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Listeners that can be added and removed while they are being called; one that throws is
 * logged and does not keep the others from being told.
 */
final class ListenerList<T> {

	private static final Log logger = LogFactory.getLog(ListenerList.class);

	private final List<T> listeners = new CopyOnWriteArrayList<>();

	EtcdSubscription add(T listener) {
		if (listener == null) {
			throw new IllegalArgumentException("Listener must not be null");
		}
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	void fire(Consumer<T> call, Object source) {
		for (T listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of " + source + " failed", ex);
			}
		}
	}

}
