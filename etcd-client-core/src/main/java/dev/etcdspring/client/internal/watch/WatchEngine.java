package dev.etcdspring.client.internal.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.GatewayTransport.GatewayStream;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.kv.RangePager;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.client.watch.WatchRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WatchClient} behind {@link dev.etcdspring.client.EtcdClient#watches()}:
 * every watch of a client shares one gateway stream.
 * <p>
 * Over HTTP/1.1 nothing can be sent on a stream after its request body, so the set of
 * watches is fixed per stream. When it changes (a watch added, closed, resynchronized, or
 * a stream lost), the engine opens a new stream whose body creates every watch again,
 * each from its own next revision, and then closes the old one; events both streams bring
 * are dropped below each subscription's next revision. All stream work happens on one
 * control thread; changes within a few milliseconds share one new stream.
 *
 * @since 0.1.0
 */
public final class WatchEngine implements WatchClient, AutoCloseable {

	private static final Log logger = LogFactory.getLog(WatchEngine.class);

	private static final AtomicInteger engineCount = new AtomicInteger();

	/**
	 * Changes to the set of watches within this time share one new stream: watches
	 * created together (the {@code @EtcdWatch} methods at startup, say) reopen the stream
	 * once rather than once each, and a single new watch is not noticeably delayed.
	 */
	private static final long COALESCE_MILLIS = 20;

	/**
	 * Keys per range request of an initial snapshot, as for listings
	 * ({@code EtcdListSpec.DEFAULT_PAGE_SIZE}): few round trips, and no answer holds a
	 * large prefix whole.
	 */
	private static final int SNAPSHOT_PAGE_SIZE = 1000;

	/**
	 * How long etcd may take to confirm every watch of a new stream before the stream is
	 * reopened: a member that is not overloaded confirms within milliseconds, and a
	 * create that went missing (see {@link WatchStreamBody}) must not leave its watch
	 * silent for long.
	 */
	private static final long CREATE_CONFIRMATION_MILLIS = 5_000;

	private final GatewayTransport transport;

	private final KvClient kv;

	private final WatchSettings settings;

	private final ScheduledExecutorService control;

	/** Read the streams and, unless the application gave an executor, deliver. */
	private final ExecutorService streamThreads;

	private final Executor deliveryExecutor;

	private final Map<Long, WatchSubscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicLong generations = new AtomicLong();

	private final AtomicBoolean rebuildPending = new AtomicBoolean();

	private final WatchStreamRetries retries = new WatchStreamRetries();

	private volatile @Nullable WatchStreamReader current;

	private volatile boolean closed;

	/** A read of the current revision for a new watch outlived the start timeout. */
	private volatile boolean revisionReadStuck;

	public WatchEngine(GatewayTransport transport, KvClient kv, WatchSettings settings) {
		this.transport = transport;
		this.kv = kv;
		this.settings = settings;
		this.control = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "etcd-watch-control");
			thread.setDaemon(true);
			return thread;
		});
		int number = engineCount.incrementAndGet();
		AtomicInteger threadCount = new AtomicInteger();
		this.streamThreads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "etcd-watch-" + number + "-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.deliveryExecutor = (settings.deliveryExecutor() != null) ? settings.deliveryExecutor()
				: this.streamThreads;
		long probeMillis = settings.probeInterval().toMillis();
		this.control.scheduleWithFixedDelay(this::probe, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public Watch watch(WatchRequest request, WatchListener listener) {
		if (this.closed) {
			throw new IllegalStateException("The etcd client is closed");
		}
		WatchSubscription subscription = new WatchSubscription(this.ids.incrementAndGet(), request, listener, this,
				this.settings);
		if (request.getStartRevision() == 0 && !request.isInitialState()) {
			subscription.created(currentRevision(request));
		}
		this.subscriptions.put(subscription.id(), subscription);
		if (request.isInitialState()) {
			submit(() -> snapshot(subscription));
		}
		else {
			rebuildSoon();
		}
		return subscription;
	}

	/**
	 * Pin "from now" to the store's revision when {@code watch} is called, so that a
	 * change made right after it returns is delivered even though the stream is created a
	 * moment later. A member that hangs must not hold the caller (an application's
	 * startup registers every {@code @EtcdWatch} method this way) for a whole request
	 * timeout, let alone once per watch: the wait is bounded, and while such a read is
	 * still unanswered, further watches do not wait at all.
	 */
	private long currentRevision(WatchRequest request) {
		if (this.revisionReadStuck) {
			return 0;
		}
		CompletableFuture<Long> revision;
		try {
			revision = CompletableFuture.supplyAsync(
					() -> this.kv.range(request.toRangeQuery().countOnly()).header().revision(), this.streamThreads);
		}
		catch (RejectedExecutionException ex) {
			return 0;
		}
		long timeoutMillis = this.settings.startTimeout().toMillis();
		try {
			return revision.get(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			this.revisionReadStuck = true;
			revision.whenComplete((answer, failure) -> this.revisionReadStuck = false);
			logger.warn("etcd at " + this.transport.endpoints() + " did not tell its current revision within "
					+ timeoutMillis + " ms (the watch start timeout); watches started until it answers begin at the "
					+ "first revision their stream sees, not at the moment they were started");
			return 0;
		}
		catch (ExecutionException ex) {
			// etcd is unreachable now: the stream's own creation pins the revision later
			logger.debug("Cannot read the current etcd revision; the watch starts when its stream does", ex.getCause());
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	// ---- called by subscriptions and the stream reader

	/** Where listener code runs. */
	Executor deliveryExecutor() {
		return this.deliveryExecutor;
	}

	/** The most bytes one watch message, or one revision sent in fragments, may take. */
	long maxAnswerBytes() {
		return this.transport.maxAnswerBytes();
	}

	/** The threads that read streams. */
	Executor streamThreads() {
		return this.streamThreads;
	}

	/**
	 * Whether the stream threads also deliver, so that one that read events may pass the
	 * stream on and deliver them itself (see {@link WatchStreamReader}).
	 */
	boolean streamThreadsDeliver() {
		return this.deliveryExecutor == this.streamThreads;
	}

	@Nullable WatchSubscription subscription(long id) {
		return this.subscriptions.get(id);
	}

	void remove(WatchSubscription subscription) {
		if (this.subscriptions.remove(subscription.id()) != null) {
			rebuildSoon();
		}
	}

	void rebuildSoon() {
		if (!this.closed && this.rebuildPending.compareAndSet(false, true)) {
			schedule(this::rebuild, COALESCE_MILLIS);
		}
	}

	void compacted(WatchSubscription subscription, long compactRevision) {
		if (subscription.compacted(compactRevision)) {
			submit(() -> snapshot(subscription));
		}
	}

	void cancelled(WatchSubscription subscription, EtcdException reason) {
		subscription.cancelled(reason);
	}

	void streamFailed(WatchStreamReader reader, EtcdException failure) {
		// on the control thread, which alone replaces the current stream
		submit(() -> retryAfter(reader, failure));
	}

	/** etcd confirmed a watch on {@code reader}'s stream: it serves this client. */
	void streamConfirmed(WatchStreamReader reader) {
		this.retries.confirmed(reader.endpoint());
	}

	// ---- control thread

	private void retryAfter(WatchStreamReader reader, EtcdException failure) {
		if (reader != this.current || this.closed) {
			return;
		}
		// gone: neither probed nor checked for confirmations any more
		this.current = null;
		EtcdException reported = (failure instanceof EtcdAuthenticationException refused)
				? this.transport.authenticationRefused(refused) : failure;
		this.transport.avoid(reader.endpoint());
		this.settings.metrics().streamReconnected(reader.endpoint());
		this.subscriptions.values().forEach((subscription) -> subscription.disconnected(reported));
		this.rebuildPending.set(true);
		long delay = this.retries.failed("etcd watch stream from " + reader.endpoint() + " failed ("
				+ reported.getMessage() + "); resuming every watch on a new stream",
				reported instanceof EtcdAuthenticationException);
		schedule(this::rebuild, delay);
	}

	private void rebuild() {
		this.rebuildPending.set(false);
		if (this.closed) {
			return;
		}
		List<WatchSubscription> wanted = new ArrayList<>();
		for (WatchSubscription subscription : this.subscriptions.values()) {
			if (subscription.wantsStream()) {
				wanted.add(subscription);
			}
		}
		WatchStreamReader previous = this.current;
		if (wanted.isEmpty()) {
			this.current = null;
			this.retries.idle();
			closeQuietly(previous);
			return;
		}
		GatewayStream stream;
		try {
			stream = this.transport.openStream("watch", WatchStreamBody.of(wanted));
		}
		catch (EtcdException ex) {
			if (this.closed) {
				// the client closed while this rebuild ran: nothing failed that matters
				return;
			}
			long delay = this.retries.failed("Cannot open an etcd watch stream (" + ex.getMessage() + ")", true);
			wanted.forEach((subscription) -> subscription.disconnected(ex));
			if (this.rebuildPending.compareAndSet(false, true)) {
				schedule(this::rebuild, delay);
			}
			return;
		}
		// the backoff starts over only once etcd confirms a watch (streamConfirmed)
		long generation = this.generations.incrementAndGet();
		wanted.forEach((subscription) -> subscription.joined(generation));
		WatchStreamReader reader = new WatchStreamReader(stream, this, generation,
				wanted.stream().map(WatchSubscription::id).toList());
		this.current = reader;
		reader.start();
		closeQuietly(previous);
		schedule(() -> verifyCreated(reader), CREATE_CONFIRMATION_MILLIS);
		if (logger.isDebugEnabled()) {
			logger.debug("etcd watch stream to " + stream.endpoint() + " carries " + wanted.size() + " watches");
		}
	}

	/**
	 * Every watch sent on a stream must be confirmed by etcd; one that is not (see
	 * {@link WatchStreamBody}) would never deliver anything, in silence. Reopen the
	 * stream then.
	 */
	private void verifyCreated(WatchStreamReader reader) {
		if (reader != this.current || this.closed) {
			return;
		}
		List<Long> missing = reader.unconfirmed().stream().filter((id) -> this.subscriptions.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			this.retries.failedOver("etcd at " + reader.endpoint() + " did not confirm " + missing.size()
					+ " watch(es) within " + CREATE_CONFIRMATION_MILLIS + " ms; reopening the watch stream", true);
			rebuildSoon();
		}
	}

	private void snapshot(WatchSubscription subscription) {
		if (!subscription.isActive()) {
			return;
		}
		try {
			RangePager pager = new RangePager(this.kv, subscription.request().toRangeQuery(), 0, SNAPSHOT_PAGE_SIZE);
			List<dev.etcdspring.client.kv.KeyValue> kvs = pager.toList();
			subscription.snapshot(pager.revision(), kvs);
			rebuildSoon();
		}
		catch (EtcdException ex) {
			subscription.disconnected(ex);
			schedule(() -> snapshot(subscription), this.retries.nextDelay());
		}
	}

	private void probe() {
		try {
			probeServingMember();
		}
		catch (RuntimeException ex) {
			// a failed probe must not end the periodic probing
			logger.debug("etcd watch probe failed", ex);
		}
	}

	private void probeServingMember() {
		WatchStreamReader reader = this.current;
		if (reader == null || this.closed) {
			return;
		}
		if (!this.transport.probe(reader.endpoint(), this.settings.probeInterval())) {
			if (reader != this.current) {
				return;
			}
			this.retries.failedOver("etcd member " + reader.endpoint() + " did not answer the watch probe within "
					+ this.settings.probeInterval().toMillis() + " ms; moving the watch stream to another member",
					true);
			this.transport.avoid(reader.endpoint());
			this.settings.metrics().streamReconnected(reader.endpoint());
			EtcdException failure = new EtcdException("etcd member " + reader.endpoint() + " stopped answering",
					reader.endpoint(), null);
			this.subscriptions.values().forEach((subscription) -> subscription.disconnected(failure));
			this.current = null;
			reader.close();
			rebuild();
		}
	}

	private void submit(Runnable task) {
		schedule(task, 0);
	}

	private void schedule(Runnable task, long delayMillis) {
		try {
			this.control.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closing: nothing more to do
		}
	}

	private static void closeQuietly(@Nullable WatchStreamReader reader) {
		if (reader != null) {
			reader.close();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.control.shutdownNow();
		closeQuietly(this.current);
		this.current = null;
		this.streamThreads.shutdownNow();
	}

}
