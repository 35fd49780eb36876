package dev.etcdspring.client.concurrency;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.client.watch.WatchRequest;
import org.jspecify.annotations.Nullable;

/**
 * The deletions under one lock or election prefix, seen through one watch that outlives a
 * single wait.
 * <p>
 * A watch per wait would cost a new gateway stream each time (over HTTP/1.1 the client
 * opens a new stream whenever its set of watches changes), and a contended lock is waited
 * for on every hand-over. So the watch starts at the first wait, from the revision after
 * the one the waiter's read saw, and lingers for a while after the last waiter left.
 * Deletions are remembered while someone waits, because one may arrive between a waiter's
 * read and its call to wait. A leader pins the watch, to learn at once that its own key
 * is gone.
 */
final class PrefixDeletions {

	private static final Duration LINGER = Duration.ofSeconds(30);

	private final WatchClient watches;

	private final byte[] prefix;

	private final ScheduledExecutorService scheduler;

	private final BiConsumer<byte[], Long> onDelete;

	private final Object monitor = new Object();

	/** Key to the revision of its latest deletion, while anyone waits. */
	private final Map<ByteBuffer, Long> deleted = new HashMap<>();

	private @Nullable Watch watch;

	/** Whether a leader watches its own key: the watch stays open, idle or not. */
	private boolean pinned;

	/** The first revision the current watch reports. */
	private long watchStart;

	/** Bumped when waiters must read again: deletions may have been missed. */
	private long resets;

	private int users;

	private long idleEpoch;

	private boolean closed;

	/**
	 * @param onDelete told of every deletion under the prefix (key, revision) while the
	 * watch runs, on a watch thread: how a holder learns that its own key is gone
	 */
	PrefixDeletions(WatchClient watches, byte[] prefix, ScheduledExecutorService scheduler,
			BiConsumer<byte[], Long> onDelete) {
		this.watches = watches;
		this.prefix = prefix;
		this.scheduler = scheduler;
		this.onDelete = onDelete;
	}

	/**
	 * Start using the deletions: the watch, if any, stays open and deletions are
	 * remembered until the returned handle is closed.
	 */
	Handle begin() {
		synchronized (this.monitor) {
			this.users++;
			this.idleEpoch++;
		}
		return new Handle();
	}

	/**
	 * Keep deletions watched, from {@code fromRevision} at the latest, until
	 * {@link #unpin()}; unlike a waiter's, a pin does not make deletions remembered.
	 */
	void pin(long fromRevision) {
		synchronized (this.monitor) {
			this.pinned = true;
			if (this.watch == null) {
				startWatch(fromRevision);
			}
		}
	}

	void unpin() {
		synchronized (this.monitor) {
			this.pinned = false;
			if (this.users > 0) {
				return;
			}
		}
		lingerThenClose();
	}

	/** Wake every waiter so that it reads again (the session has ended, for example). */
	void wake() {
		synchronized (this.monitor) {
			this.resets++;
			this.monitor.notifyAll();
		}
	}

	/** Stop the watch for good and wake every waiter. */
	void close() {
		Watch stopping;
		synchronized (this.monitor) {
			this.closed = true;
			this.resets++;
			this.monitor.notifyAll();
			stopping = this.watch;
			this.watch = null;
		}
		if (stopping != null) {
			stopping.close();
		}
	}

	/** Called with the monitor held. */
	private void startWatch(long fromRevision) {
		if (this.closed) {
			return;
		}
		WatchRequest request = WatchRequest.prefix(this.prefix)
			.startRevision(fromRevision)
			.noPut()
			.resyncOnCompaction();
		this.watch = this.watches.watch(request, new Listener());
		this.watchStart = fromRevision;
	}

	private void deletedAt(byte[] key, long revision) {
		synchronized (this.monitor) {
			if (this.users > 0) {
				this.deleted.merge(ByteBuffer.wrap(key), revision, Math::max);
				this.monitor.notifyAll();
			}
		}
		this.onDelete.accept(key, revision);
	}

	/** Close the watch after a while, unless it is used again meanwhile. */
	private void lingerThenClose() {
		long epoch;
		synchronized (this.monitor) {
			epoch = ++this.idleEpoch;
		}
		try {
			this.scheduler.schedule(() -> closeIfIdle(epoch), LINGER.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			closeIfIdle(epoch);
		}
	}

	private void closeIfIdle(long epoch) {
		Watch stopping = null;
		synchronized (this.monitor) {
			if (this.users == 0 && !this.pinned && this.idleEpoch == epoch) {
				stopping = this.watch;
				this.watch = null;
			}
		}
		if (stopping != null) {
			// outside the monitor: close() waits for a delivery that may need it
			stopping.close();
		}
	}

	/** One user of the deletions; not shared between threads. */
	final class Handle implements AutoCloseable {

		private boolean open = true;

		/**
		 * Make sure deletions are watched, from {@code fromRevision} at the latest.
		 */
		void watchFrom(long fromRevision) {
			synchronized (PrefixDeletions.this.monitor) {
				if (PrefixDeletions.this.watch == null) {
					startWatch(fromRevision);
				}
			}
		}

		/**
		 * Wait until {@code key} is deleted at a revision after {@code afterRevision}, or
		 * until the caller should read again.
		 * @return {@code true} when the key was deleted or the caller should look again,
		 * {@code false} when the deadline passed
		 */
		boolean awaitDelete(byte[] key, long afterRevision, Deadline deadline) throws InterruptedException {
			ByteBuffer wanted = ByteBuffer.wrap(key);
			Object monitor = PrefixDeletions.this.monitor;
			synchronized (monitor) {
				long resetsSeen = PrefixDeletions.this.resets;
				if (PrefixDeletions.this.watch == null) {
					startWatch(afterRevision + 1);
				}
				else if (PrefixDeletions.this.watchStart > afterRevision + 1) {
					// the watch began after the caller's read: a deletion in between
					// would be missed, so read again (that read is newer than the watch)
					return true;
				}
				while (true) {
					Long at = PrefixDeletions.this.deleted.get(wanted);
					if ((at != null && at > afterRevision) || PrefixDeletions.this.resets != resetsSeen
							|| PrefixDeletions.this.closed) {
						return true;
					}
					long remaining = deadline.remainingNanos();
					if (remaining <= 0) {
						return false;
					}
					TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
				}
			}
		}

		@Override
		public void close() {
			synchronized (PrefixDeletions.this.monitor) {
				if (!this.open) {
					return;
				}
				this.open = false;
				if (--PrefixDeletions.this.users > 0) {
					return;
				}
				PrefixDeletions.this.deleted.clear();
			}
			lingerThenClose();
		}

	}

	private final class Listener implements WatchListener {

		@Override
		public void onEvent(WatchEvent event) {
			if (event.type() == WatchEvent.Type.DELETE) {
				deletedAt(event.kv().key(), event.revision());
			}
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			// after a compaction: deletions may have been missed
			wake();
		}

		@Override
		public void onCancelled(EtcdException cause) {
			synchronized (PrefixDeletions.this.monitor) {
				if (PrefixDeletions.this.watch != null && !PrefixDeletions.this.watch.isActive()) {
					PrefixDeletions.this.watch = null;
				}
			}
			wake();
		}

	}

}
