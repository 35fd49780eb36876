package dev.etcdspring.client.internal.watch;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.client.watch.WatchMetrics;
import dev.etcdspring.client.watch.WatchRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One watch: its place in etcd's history ({@link #nextRevision()}) and its own delivery
 * queue.
 * <p>
 * The stream reader {@linkplain #offer offers} each revision's events; anything below the
 * next revision is a repeat from a resumed stream and is dropped, so each revision is
 * delivered once, in order, whole. Listener code runs on the delivery executor, one task
 * at a time per subscription, so a slow listener holds up only itself. When its queue is
 * full the subscription stops buffering and asks the engine to resume it from etcd's
 * history later.
 */
final class WatchSubscription implements Watch {

	private static final Log logger = LogFactory.getLog(WatchSubscription.class);

	private final long id;

	private final WatchRequest request;

	private final WatchListener listener;

	private final WatchEngine engine;

	private final Executor executor;

	private final int capacity;

	private final WatchMetrics metrics;

	/** Guards the queue, the revisions and the state flags. */
	private final Object lock = new Object();

	/** Held while listener code runs, so close() can wait for a delivery in progress. */
	private final ReentrantLock deliveryLock = new ReentrantLock();

	private final Queue<Runnable> queue = new ArrayDeque<>();

	private long nextRevision;

	private boolean draining;

	private boolean overflowed;

	/**
	 * Only streams of this generation or later may deliver. A subscription that stopped
	 * buffering, or is resynchronizing, must take nothing from the stream it was on: that
	 * stream would resume after a gap. It takes events again once a stream created for it
	 * (from its next revision) is open.
	 */
	private long minGeneration;

	private boolean ready;

	private volatile boolean closed;

	/** Ended by a compaction without resync; its last callback is still delivered. */
	private volatile boolean ended;

	WatchSubscription(long id, WatchRequest request, WatchListener listener, WatchEngine engine,
			WatchSettings settings) {
		this.id = id;
		this.request = request;
		this.listener = listener;
		this.engine = engine;
		this.executor = engine.deliveryExecutor();
		this.capacity = settings.queueCapacity();
		this.metrics = settings.metrics();
		this.nextRevision = request.getStartRevision();
		this.ready = !request.isInitialState();
	}

	long id() {
		return this.id;
	}

	WatchRequest request() {
		return this.request;
	}

	/**
	 * Whether the stream should carry this subscription: not closed, its snapshot (if
	 * any) taken, and not waiting for a full queue to drain.
	 */
	boolean wantsStream() {
		synchronized (this.lock) {
			return !this.closed && !this.ended && this.ready && !this.overflowed;
		}
	}

	/**
	 * A stream of {@code generation} now carries this subscription, from its next
	 * revision.
	 */
	void joined(long generation) {
		synchronized (this.lock) {
			this.minGeneration = generation;
		}
	}

	/** The revision a (re)created stream starts this subscription from; 0 for "now". */
	long resumeRevision() {
		synchronized (this.lock) {
			return this.nextRevision;
		}
	}

	/**
	 * A stream confirmed the watch; with no start revision it begins after the header's.
	 */
	void created(long headerRevision) {
		synchronized (this.lock) {
			if (this.nextRevision == 0 && headerRevision > 0) {
				this.nextRevision = headerRevision + 1;
			}
		}
	}

	/**
	 * Queue one revision's events for delivery, unless already delivered or queued.
	 * @return the subscription's delivery loop when it is not running yet: the caller
	 * (the stream reader) starts it, so that it can choose the thread; else {@code null}
	 */
	@Nullable Runnable offer(long generation, long revision, List<WatchEvent> events) {
		synchronized (this.lock) {
			if (this.closed || this.ended || this.overflowed || !this.ready || generation < this.minGeneration
					|| revision < this.nextRevision) {
				return null;
			}
			if (this.queue.size() >= this.capacity) {
				// stop buffering; etcd still has this history, we fetch it again once
				// drained
				this.overflowed = true;
				this.minGeneration = Long.MAX_VALUE;
				logger.warn("etcd watch " + this.id + " listener is " + this.capacity
						+ " revisions behind; pausing it and catching up from revision " + this.nextRevision
						+ " once it has drained");
				enqueue(this.engine::rebuildSoon);
				return null;
			}
			this.nextRevision = revision + 1;
			this.metrics.eventsReceived(events.size());
			return queue(() -> this.listener.onRevision(revision, events));
		}
	}

	/**
	 * etcd's progress notification: nothing this watch would see changed up to
	 * {@code revision}, so it resumes after it. Accepted on the same terms as events (a
	 * subscription that stopped buffering must not skip what it dropped).
	 * @return the delivery loop to start, as for {@link #offer}, or {@code null}
	 */
	@Nullable Runnable progress(long generation, long revision) {
		synchronized (this.lock) {
			if (this.closed || this.ended || this.overflowed || !this.ready || generation < this.minGeneration) {
				return null;
			}
			if (revision + 1 < this.nextRevision) {
				// a watch that starts at a future revision is told of the present: it
				// learns nothing
				return null;
			}
			this.nextRevision = revision + 1;
			if (this.queue.size() >= this.capacity) {
				// a later event or notification says as much; no reason to stop buffering
				return null;
			}
			return queue(() -> this.listener.onProgress(revision));
		}
	}

	/** Deliver a snapshot read at {@code revision}, and start watching after it. */
	void snapshot(long revision, List<KeyValue> kvs) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.nextRevision = revision + 1;
			this.ready = true;
			this.overflowed = false;
			enqueue(() -> this.listener.onSnapshot(revision, kvs));
		}
	}

	/**
	 * The history this subscription needs is gone.
	 * @return whether the engine should read a snapshot and resume it
	 */
	boolean compacted(long compactRevision) {
		synchronized (this.lock) {
			if (this.closed || this.ended || compactRevision < this.nextRevision) {
				return false;
			}
			boolean resync = this.request.isResyncOnCompaction();
			this.metrics.compacted(compactRevision);
			logger.warn("etcd watch " + this.id + " needed revision " + this.nextRevision
					+ " but etcd compacted its history at " + compactRevision
					+ (resync ? "; resynchronizing from the current state" : "; the watch has ended"));
			this.ready = false;
			this.minGeneration = Long.MAX_VALUE;
			if (!resync) {
				this.ended = true;
				this.engine.remove(this);
			}
			enqueue(() -> this.listener.onCompacted(compactRevision));
			return resync;
		}
	}

	/** etcd refused this watch for good (no permission): end it and tell the listener. */
	void cancelled(EtcdException reason) {
		synchronized (this.lock) {
			if (this.closed || this.ended) {
				return;
			}
			logger.warn("etcd refused watch " + this.id + " (" + reason.getMessage() + "); the watch has ended");
			this.ended = true;
			this.engine.remove(this);
			enqueue(() -> this.listener.onCancelled(reason));
		}
	}

	void disconnected(EtcdException cause) {
		synchronized (this.lock) {
			if (!this.closed) {
				enqueue(() -> this.listener.onDisconnected(cause));
			}
		}
	}

	private void enqueue(Runnable delivery) {
		Runnable drain = queue(delivery);
		if (drain != null) {
			this.executor.execute(drain);
		}
	}

	/** Queue a delivery; return the delivery loop to start if none is running. */
	private @Nullable Runnable queue(Runnable delivery) {
		this.queue.add(delivery);
		if (this.draining) {
			return null;
		}
		this.draining = true;
		return this::drain;
	}

	private void drain() {
		while (true) {
			Runnable next;
			synchronized (this.lock) {
				next = this.queue.poll();
				if (next == null) {
					this.draining = false;
					if (this.overflowed && !this.closed) {
						this.overflowed = false;
						this.engine.rebuildSoon();
					}
					return;
				}
			}
			deliver(next);
		}
	}

	private void deliver(Runnable delivery) {
		this.deliveryLock.lock();
		try {
			if (!this.closed) {
				delivery.run();
			}
		}
		catch (RuntimeException ex) {
			logger.error("etcd watch " + this.id + " listener failed; the watch goes on", ex);
		}
		finally {
			this.deliveryLock.unlock();
		}
	}

	@Override
	public long nextRevision() {
		synchronized (this.lock) {
			return this.nextRevision;
		}
	}

	@Override
	public boolean isActive() {
		return !this.closed && !this.ended;
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.queue.clear();
		}
		// wait for a delivery in progress on another thread
		this.deliveryLock.lock();
		this.deliveryLock.unlock();
		this.engine.remove(this);
	}

	@Override
	public String toString() {
		return "Watch[id=" + this.id + ", nextRevision=" + nextRevision() + ", active=" + isActive() + "]";
	}

}
