package dev.etcdspring.client.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdException;
import dev.etcdspring.client.transport.GatewayErrors;
import dev.etcdspring.client.transport.GatewayJson;
import dev.etcdspring.client.transport.GatewayTransport;
import dev.etcdspring.client.transport.GatewayTransport.GatewayStream;
import dev.etcdspring.client.transport.RequestKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One watch on its own gateway stream, read by its own thread. After any break it
 * reconnects (to another member when one failed) and resumes from
 * {@link #nextRevision()}, dropping anything already delivered, so the listener sees each
 * revision once and in order.
 */
final class StreamWatch implements Watch, Runnable {

	private static final Log logger = LogFactory.getLog(StreamWatch.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final GatewayTransport transport;

	private final WatchRequest request;

	private final WatchListener listener;

	private final Object deliveryLock = new Object();

	private final Thread reader;

	private volatile long nextRevision;

	private volatile boolean active = true;

	private volatile @Nullable GatewayStream stream;

	StreamWatch(GatewayTransport transport, WatchRequest request, WatchListener listener) {
		this.transport = transport;
		this.request = request;
		this.listener = listener;
		this.nextRevision = request.getStartRevision();
		this.reader = new Thread(this, "etcd-watch-" + threadCount.incrementAndGet());
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	@Override
	public void run() {
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
		backOff.setMaxInterval(5_000);
		BackOffExecution retries = backOff.start();
		while (this.active) {
			try {
				if (readStream()) {
					// events flowed: the next failure starts the backoff afresh
					retries = backOff.start();
				}
			}
			catch (EtcdException ex) {
				if (!this.active) {
					return;
				}
				logger.debug("etcd watch stream broke; resuming from revision " + this.nextRevision, ex);
				this.listener.onDisconnected(ex);
			}
			catch (RuntimeException ex) {
				logger.error("etcd watch listener failed; the watch goes on", ex);
			}
			pause(retries.nextBackOff());
		}
	}

	/**
	 * Open a stream resuming at the next revision and deliver what it brings until it
	 * ends.
	 * @return whether anything was received
	 */
	private boolean readStream() {
		byte[] body = GatewayJson.mapper().writeValueAsBytes(this.request.toCreateJson(this.nextRevision));
		GatewayStream opened = this.transport.openStream("watch", body);
		this.stream = opened;
		if (!this.active) {
			opened.close();
			return false;
		}
		boolean received = false;
		try (opened;
				MappingIterator<WatchStreamMessage> messages = GatewayJson.mapper()
					.readerFor(WatchStreamMessage.class)
					.readValues(opened.body())) {
			while (this.active && messages.hasNextValue()) {
				WatchStreamMessage message = messages.nextValue();
				received = true;
				if (!handle(message, opened.endpoint())) {
					return received;
				}
			}
			throw new EtcdException("etcd at " + opened.endpoint() + " ended the watch stream", opened.endpoint(),
					null);
		}
		catch (JacksonException ex) {
			// the connection broke mid-message, or the body was cut: both are a broken
			// stream
			throw GatewayErrors.fromIoFailure((ex.getCause() instanceof IOException io) ? io : ex, opened.endpoint(),
					"watch", RequestKind.READ);
		}
	}

	/**
	 * Deliver one message.
	 * @return whether to keep reading the stream
	 */
	private boolean handle(WatchStreamMessage message, String endpoint) {
		if (message.error() != null) {
			String text = (message.error().message() != null) ? message.error().message() : "stream error";
			throw GatewayErrors.fromServerError(message.error().grpcCode(), text, endpoint, "watch", RequestKind.READ,
					0);
		}
		WatchStreamMessage.Result result = message.result();
		if (result == null) {
			return true;
		}
		if (result.canceled()) {
			if (result.compactRevision() > 0) {
				compacted(result.compactRevision());
				return false;
			}
			// e.g. "no leader": this member cannot serve the watch, another one may
			this.transport.avoid(endpoint);
			throw GatewayErrors.fromServerError(14,
					(result.cancelReason() != null) ? result.cancelReason() : "watch canceled", endpoint, "watch",
					RequestKind.READ, 0);
		}
		if (result.created() && this.nextRevision == 0) {
			this.nextRevision = result.revision() + 1;
		}
		deliver(result.eventList());
		return true;
	}

	private void deliver(List<WatchEvent> events) {
		int start = 0;
		while (start < events.size()) {
			long revision = events.get(start).revision();
			int end = start;
			while (end < events.size() && events.get(end).revision() == revision) {
				end++;
			}
			synchronized (this.deliveryLock) {
				// after a resume the member may repeat what was already delivered
				if (this.active && revision >= this.nextRevision) {
					this.listener.onRevision(revision, List.copyOf(events.subList(start, end)));
					this.nextRevision = revision + 1;
				}
			}
			start = end;
		}
	}

	private void compacted(long compactRevision) {
		synchronized (this.deliveryLock) {
			if (this.active) {
				this.active = false;
				logger.warn("etcd watch needed revision " + this.nextRevision + " but the store was compacted at "
						+ compactRevision + "; the watch has ended");
				this.listener.onCompacted(compactRevision);
			}
		}
	}

	private void pause(long millis) {
		if (!this.active || millis == BackOffExecution.STOP) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.active = false;
		}
	}

	@Override
	public long nextRevision() {
		return this.nextRevision;
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public void close() {
		this.active = false;
		GatewayStream current = this.stream;
		if (current != null) {
			current.close();
		}
		if (Thread.currentThread() != this.reader) {
			// wait for a delivery in progress, so that none happens after close() returns
			synchronized (this.deliveryLock) {
				this.reader.interrupt();
			}
		}
	}

}
