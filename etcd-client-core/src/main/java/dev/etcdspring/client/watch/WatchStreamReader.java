package dev.etcdspring.client.watch;

import java.io.IOException;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdException;
import dev.etcdspring.client.transport.GatewayErrors;
import dev.etcdspring.client.transport.GatewayJson;
import dev.etcdspring.client.transport.GatewayTransport.GatewayStream;
import dev.etcdspring.client.transport.RequestKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;

/**
 * Reads one multiplexed watch stream on its own thread and hands each message to the
 * engine. It never runs listener code: subscriptions queue what it hands them.
 */
final class WatchStreamReader implements Runnable {

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final GatewayStream stream;

	private final WatchEngine engine;

	private final Set<Long> unconfirmed = ConcurrentHashMap.newKeySet();

	/**
	 * The creates not answered yet, in the order sent. etcd answers creates in order, and
	 * answers a refused one with watch id -1: the oldest unanswered create is the one
	 * refused.
	 */
	private final Deque<Long> unanswered = new ConcurrentLinkedDeque<>();

	private final long generation;

	private volatile boolean closed;

	WatchStreamReader(GatewayStream stream, WatchEngine engine, long generation, List<Long> watchIds) {
		this.generation = generation;
		this.stream = stream;
		this.engine = engine;
		this.unconfirmed.addAll(watchIds);
		this.unanswered.addAll(watchIds);
	}

	/**
	 * Return the watches sent on this stream that etcd has not confirmed yet.
	 */
	Set<Long> unconfirmed() {
		return Set.copyOf(this.unconfirmed);
	}

	void start() {
		Thread thread = new Thread(this, "etcd-watch-stream-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
	}

	String endpoint() {
		return this.stream.endpoint();
	}

	@Override
	public void run() {
		EtcdException failure;
		try (MappingIterator<WatchStreamMessage> messages = GatewayJson.reader(WatchStreamMessage.class)
			.readValues(this.stream.body())) {
			while (!this.closed && messages.hasNextValue()) {
				handle(messages.nextValue());
			}
			failure = new EtcdException("etcd at " + endpoint() + " ended the watch stream", endpoint(), null);
		}
		catch (JacksonException ex) {
			// a connection that broke mid-message, or a body that was cut
			Throwable cause = (ex.getCause() instanceof IOException io) ? io : ex;
			failure = GatewayErrors.fromIoFailure(cause, endpoint(), "watch", RequestKind.READ);
		}
		catch (EtcdException ex) {
			failure = ex;
		}
		catch (RuntimeException ex) {
			failure = new EtcdException("etcd watch stream from " + endpoint() + " failed: " + ex, endpoint(), ex);
		}
		finally {
			this.stream.close();
		}
		if (!this.closed) {
			this.engine.streamFailed(this, failure);
		}
	}

	private void handle(WatchStreamMessage message) {
		if (message.error() != null) {
			String text = (message.error().message() != null) ? message.error().message() : "stream error";
			throw GatewayErrors.fromServerError(message.error().grpcCode(), text, endpoint(), "watch", RequestKind.READ,
					0);
		}
		WatchStreamMessage.Result result = message.result();
		if (result == null) {
			return;
		}
		long watchId = result.watchId();
		if (result.created()) {
			watchId = answered(watchId);
			this.unconfirmed.remove(watchId);
		}
		WatchSubscription subscription = this.engine.subscription(watchId);
		if (result.canceled()) {
			if (result.compactRevision() > 0) {
				if (subscription != null) {
					this.engine.compacted(subscription, result.compactRevision());
				}
				return;
			}
			String reason = (result.cancelReason() != null) ? result.cancelReason() : "watch canceled";
			String lower = reason.toLowerCase();
			if (lower.contains("permission denied")) {
				// this watch may never be served; the stream and its other watches go on
				if (subscription != null) {
					this.engine.cancelled(subscription,
							GatewayErrors.fromServerError(7, reason, endpoint(), "watch", RequestKind.READ, 0));
				}
				return;
			}
			// e.g. "no leader" or an expired token: this stream cannot go on, another one
			// may
			throw GatewayErrors.fromServerError(lower.contains("auth token") ? 16 : 14, reason, endpoint(), "watch",
					RequestKind.READ, 0);
		}
		if (subscription == null) {
			return;
		}
		if (result.created()) {
			subscription.created(result.revision());
		}
		offerByRevision(subscription, result.eventList());
	}

	private long answered(long watchId) {
		if (watchId >= 0) {
			this.unanswered.remove(watchId);
			return watchId;
		}
		Long refused = this.unanswered.poll();
		return (refused != null) ? refused : watchId;
	}

	long generation() {
		return this.generation;
	}

	/**
	 * One message may carry several revisions; a revision is never split across messages.
	 */
	private void offerByRevision(WatchSubscription subscription, List<WatchEvent> events) {
		int start = 0;
		while (start < events.size()) {
			long revision = events.get(start).revision();
			int end = start;
			while (end < events.size() && events.get(end).revision() == revision) {
				end++;
			}
			subscription.offer(this.generation, revision, List.copyOf(events.subList(start, end)));
			start = end;
		}
	}

	/** Stop reading; the engine replaced or no longer needs this stream. */
	void close() {
		this.closed = true;
		this.stream.close();
	}

}
