package dev.etcdspring.client.internal.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Ends every exchange that outlives its deadline, whatever the member does: a TLS
 * handshake or a TLS record that trickles in a byte at a time (each read of the socket is
 * bounded, their sum is not), a write that a member stopped reading blocks.
 * <p>
 * One daemon thread per client looks at its open connections every {@link #TICK_MILLIS}
 * and closes the socket of any that is past its deadline. A request costs it nothing but
 * two writes of a field of its connection (no task scheduled, no allocation); the price
 * is that an exchange may end up to a tick (plus scheduling) after its deadline. Plain
 * {@code http} reads end on time anyway: each is given what is left of the deadline.
 */
final class ConnectionWatchdog {

	/**
	 * How often open connections are checked: the slack of a deadline. Small against
	 * request timeouts of seconds, and looking at a few connections 20 times a second
	 * costs little.
	 */
	static final long TICK_MILLIS = 50;

	private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Thread thread;

	private volatile boolean closed;

	/**
	 * Watch {@code connection} until {@link #unregister(HttpConnection)}.
	 * @param connection a connection that is about to connect
	 */
	void register(HttpConnection connection) {
		this.connections.add(connection);
		Thread running = this.thread;
		if (running == null) {
			running = start();
		}
		LockSupport.unpark(running);
	}

	void unregister(HttpConnection connection) {
		this.connections.remove(connection);
	}

	private synchronized Thread start() {
		Thread running = this.thread;
		if (running == null) {
			running = new Thread(this::run, "etcd-http-watchdog");
			running.setDaemon(true);
			running.start();
			this.thread = running;
		}
		return running;
	}

	private void run() {
		while (!this.closed || !this.connections.isEmpty()) {
			if (this.connections.isEmpty()) {
				// nothing to watch: wait for the next connection (register unparks)
				LockSupport.park(this);
			}
			else {
				LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
			}
			long now = System.nanoTime();
			for (HttpConnection connection : this.connections) {
				connection.abortIfExpired(now);
			}
		}
		this.thread = null;
	}

	/** Stop once the last open connection is closed. */
	void close() {
		this.closed = true;
		Thread running = this.thread;
		if (running != null) {
			LockSupport.unpark(running);
		}
	}

}
