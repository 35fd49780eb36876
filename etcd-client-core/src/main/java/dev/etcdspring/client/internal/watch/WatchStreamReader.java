package dev.etcdspring.client.internal.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;

import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.internal.codec.GatewayJson;
import dev.etcdspring.client.internal.codec.GatewayJsonException;
import dev.etcdspring.client.internal.codec.GatewayMessageStream;
import dev.etcdspring.client.internal.codec.WatchStreamMessage;
import dev.etcdspring.client.internal.transport.GatewayErrors;
import dev.etcdspring.client.internal.transport.GatewayTransport.GatewayStream;
import dev.etcdspring.client.internal.transport.RequestKind;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads one multiplexed watch stream and hands each message to the engine. Listener code
 * never runs on a thread while it reads the stream: subscriptions queue what it hands
 * them, and their delivery loops run elsewhere.
 * <p>
 * On the engine's own threads (the default), a thread that read events for a subscription
 * that was idle passes the stream on to another of those threads and then delivers the
 * events itself, instead of waking a delivery thread and going back to reading. The
 * wake-up of the next reader is then off the event's path: it cost about 50 µs at the
 * median, and several hundred at the 99th percentile on a busy machine, between the
 * event's arrival and its callback (BENCHMARKS.md).
 */
final class WatchStreamReader implements Runnable {

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

	/** Touched only by the thread reading the stream. */
	private final WatchFragments fragments;

	/**
	 * Delivery loops of subscriptions that the message being handled woke up; touched
	 * only by the thread reading the stream.
	 */
	private final List<Runnable> deliveriesToStart = new ArrayList<>();

	/**
	 * Whether etcd confirmed a watch on this stream; touched only by the thread reading
	 * the stream.
	 */
	private boolean confirmed;

	private @Nullable GatewayMessageStream<WatchStreamMessage> messages;

	private volatile boolean closed;

	WatchStreamReader(GatewayStream stream, WatchEngine engine, long generation, List<Long> watchIds) {
		this.generation = generation;
		this.stream = stream;
		this.engine = engine;
		this.fragments = new WatchFragments(engine.maxAnswerBytes(), stream.endpoint());
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
		this.engine.streamThreads().execute(this);
	}

	String endpoint() {
		return this.stream.endpoint();
	}

	/**
	 * Read the stream until it ends, or until this thread passes it on to deliver what it
	 * read.
	 */
	@Override
	public void run() {
		EtcdException failure = null;
		Runnable delivery = null;
		try {
			GatewayMessageStream<WatchStreamMessage> incoming = messages();
			while (delivery == null && !this.closed && incoming.hasNextValue()) {
				handle(incoming.nextValue());
				delivery = startDeliveries();
			}
			if (delivery == null) {
				failure = new EtcdException("etcd at " + endpoint() + " ended the watch stream", endpoint(), null);
			}
		}
		catch (IOException ex) {
			// a connection that broke mid-message
			failure = GatewayErrors.fromIoFailure(ex, endpoint(), "watch", RequestKind.READ);
		}
		catch (GatewayJsonException ex) {
			// a body that was cut: the parser's own exception says where
			failure = GatewayErrors.fromIoFailure(ex.getCause(), endpoint(), "watch", RequestKind.READ);
		}
		catch (EtcdException ex) {
			failure = ex;
		}
		catch (RuntimeException ex) {
			failure = new EtcdException("etcd watch stream from " + endpoint() + " failed: " + ex, endpoint(), ex);
		}
		finally {
			if (delivery == null) {
				if (this.messages != null) {
					this.messages.close();
				}
				this.stream.close();
				startPendingDeliveries();
			}
		}
		if (delivery != null) {
			delivery.run();
		}
		else if (!this.closed) {
			this.engine.streamFailed(this, failure);
		}
	}

	private GatewayMessageStream<WatchStreamMessage> messages() throws IOException {
		if (this.messages == null) {
			this.messages = GatewayJson.readMessages(this.stream.body(), WatchStreamMessage.class);
		}
		return this.messages;
	}

	/**
	 * Start the delivery loops the last message woke up.
	 * @return the loop for this thread to run after it passed the stream on to another
	 * thread, or {@code null} to go on reading
	 */
	private @Nullable Runnable startDeliveries() {
		if (this.deliveriesToStart.isEmpty()) {
			return null;
		}
		List<Runnable> deliveries = List.copyOf(this.deliveriesToStart);
		this.deliveriesToStart.clear();
		Runnable own = null;
		if (this.engine.streamThreadsDeliver() && !this.closed && passOn()) {
			own = deliveries.get(0);
		}
		for (int i = (own != null) ? 1 : 0; i < deliveries.size(); i++) {
			this.engine.deliveryExecutor().execute(deliveries.get(i));
		}
		return own;
	}

	/**
	 * Let another of the engine's threads go on reading. From here on, this thread
	 * touches nothing of the reader.
	 */
	private boolean passOn() {
		try {
			this.engine.streamThreads().execute(this);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// the engine is closing: the deliveries are refused too, and the stream ends
			return false;
		}
	}

	/** A message that failed part-way may have woken deliveries: they must still run. */
	private void startPendingDeliveries() {
		try {
			this.deliveriesToStart.forEach(this.engine.deliveryExecutor()::execute);
		}
		catch (RejectedExecutionException ex) {
			// the client is closing: nothing is delivered any more
		}
		this.deliveriesToStart.clear();
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
			if (!result.canceled() && !this.confirmed) {
				// proof that etcd serves this client, which an open stream is not: etcd
				// opens one even to refuse every watch on it (no credentials, say)
				this.confirmed = true;
				this.engine.streamConfirmed(this);
			}
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
			EtcdError error = EtcdError.classify(EtcdError.NO_CODE, reason);
			if (error == EtcdError.PERMISSION_DENIED) {
				// this watch may never be served; the stream and its other watches go on
				if (subscription != null) {
					this.engine.cancelled(subscription, GatewayErrors.fromServerError(error.getCode(), reason,
							endpoint(), "watch", RequestKind.READ, 0));
				}
				return;
			}
			// e.g. "no leader", an expired token or no user at all: this stream cannot go
			// on, another one may
			int code = switch (error) {
				case INVALID_AUTH_TOKEN, USER_NAME_EMPTY, UNAUTHENTICATED -> EtcdError.UNAUTHENTICATED.getCode();
				default -> EtcdError.UNAVAILABLE.getCode();
			};
			throw GatewayErrors.fromServerError(code, reason, endpoint(), "watch", RequestKind.READ, 0);
		}
		List<WatchEvent> events = this.fragments.accept(watchId, result.fragment(), result.eventList());
		if (subscription == null) {
			return;
		}
		if (result.created()) {
			subscription.created(result.revision());
		}
		else if (result.eventList().isEmpty() && !result.fragment()) {
			// a progress notification: etcd sends one to a watch that asked for them, had
			// no events for a while and is in sync (so no events below its revision are
			// still to come on this stream)
			addDelivery(subscription.progress(this.generation, result.revision()));
			return;
		}
		offerByRevision(subscription, events);
	}

	private void addDelivery(@Nullable Runnable delivery) {
		if (delivery != null) {
			this.deliveriesToStart.add(delivery);
		}
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
	 * One message may carry several revisions; with fragments put back together, a
	 * revision is never split across messages.
	 */
	private void offerByRevision(WatchSubscription subscription, List<WatchEvent> events) {
		int start = 0;
		while (start < events.size()) {
			long revision = events.get(start).revision();
			int end = start;
			while (end < events.size() && events.get(end).revision() == revision) {
				end++;
			}
			addDelivery(subscription.offer(this.generation, revision, List.copyOf(events.subList(start, end))));
			start = end;
		}
	}

	/** Stop reading; the engine replaced or no longer needs this stream. */
	void close() {
		this.closed = true;
		this.stream.close();
	}

}
