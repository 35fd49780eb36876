package dev.etcdspring.client.template;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.exception.EtcdCompactedException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.client.watch.WatchRequest;

import org.springframework.util.Assert;

/**
 * A watch of a key or prefix, from {@link EtcdTemplate#watch(String)}: wait for the next
 * change ({@link #next(Duration)}), or be called for every change
 * ({@link #subscribe(WatchListener)}). Event keys come without the template's namespace.
 *
 * @since 0.1.0
 */
public final class EtcdWatchSpec {

	private final EtcdTemplate template;

	private final String key;

	private boolean prefix;

	private long fromRevision;

	private boolean prevValue;

	private boolean initialState;

	private boolean resync;

	private Set<WatchEvent.Type> events = EnumSet.allOf(WatchEvent.Type.class);

	EtcdWatchSpec(EtcdTemplate template, String key) {
		this.template = template;
		this.key = key;
	}

	/**
	 * Watch every key under the key, taken as a prefix.
	 * @return this spec
	 */
	public EtcdWatchSpec prefix() {
		this.prefix = true;
		return this;
	}

	/**
	 * Start at {@code revision}, so that nothing after a read at {@code revision - 1} is
	 * missed.
	 * @param revision the first revision to deliver
	 * @return this spec
	 */
	public EtcdWatchSpec fromRevision(long revision) {
		Assert.isTrue(revision > 0, "Revision must be positive");
		this.fromRevision = revision;
		return this;
	}

	/**
	 * Include each key's previous value in its events.
	 * @return this spec
	 */
	public EtcdWatchSpec withPrevValue() {
		this.prevValue = true;
		return this;
	}

	/**
	 * Deliver the current value(s) first, read at a revision R, as a
	 * {@link WatchListener#onSnapshot snapshot} (by default: one put event per key), then
	 * every change from R + 1: get-then-watch with no gap.
	 * @return this spec
	 */
	public EtcdWatchSpec withInitialState() {
		this.initialState = true;
		return this;
	}

	/**
	 * Deliver only these kinds of change; etcd filters the others out before they are
	 * sent. Events of an initial or resync snapshot are puts, whatever this says.
	 * @param types the kinds of change to deliver
	 * @return this spec
	 */
	public EtcdWatchSpec events(WatchEvent.Type... types) {
		Assert.notEmpty(types, "At least one event type must be given");
		this.events = EnumSet.copyOf(Arrays.asList(types));
		return this;
	}

	/**
	 * After a compaction that removed history the watch needed, deliver the current state
	 * as a snapshot and go on, instead of ending the watch.
	 * <p>
	 * When the watch delivers both puts and deletes, a key the listener was told exists
	 * (by an event or an earlier snapshot) but that is missing from the snapshot was
	 * deleted in the lost history: the listener gets a DELETE {@link WatchEvent} for each
	 * such key, in key order, before the snapshot. Its previous value is not known and
	 * its revision is the snapshot's (etcd compacted the delete itself away). State built
	 * from the events thus matches etcd again. For this the watch keeps the set of keys
	 * that exist, from its events: memory in proportion to the keys watched.
	 * @return this spec
	 */
	public EtcdWatchSpec resyncOnCompaction() {
		this.resync = true;
		return this;
	}

	/**
	 * Block until the next change (or the first one at or after the start revision).
	 * @param timeout how long to wait
	 * @return the change, or empty when none came in time
	 * @throws EtcdCompactedException when the start revision was compacted away
	 */
	public Optional<WatchEvent> next(Duration timeout) {
		BlockingQueue<Object> changes = new ArrayBlockingQueue<>(1);
		WatchListener listener = new WatchListener() {

			@Override
			public void onEvent(WatchEvent event) {
				changes.offer(event);
			}

			@Override
			public void onCancelled(EtcdException cause) {
				changes.offer(cause);
			}

			@Override
			public void onCompacted(long compactRevision) {
				EtcdError compacted = EtcdError.COMPACTED;
				changes.offer(new EtcdCompactedException(
						"etcd history before revision " + compactRevision + " was compacted; cannot watch from "
								+ EtcdWatchSpec.this.fromRevision,
						compacted.getCode(), Objects.requireNonNull(compacted.getServerMessage()), compactRevision,
						null));
			}

		};
		try (Watch watch = subscribe(listener)) {
			Object first = changes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (first instanceof EtcdException failure) {
				throw failure;
			}
			return Optional.ofNullable((WatchEvent) first);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Call {@code listener} for every change until the returned watch is closed.
	 * @param listener the listener
	 * @return the running watch
	 */
	public Watch subscribe(WatchListener listener) {
		Namespace namespace = this.template.namespace();
		WatchRequest request = this.prefix ? WatchRequest.prefix(namespace.prefix(this.key))
				: WatchRequest.key(namespace.key(this.key));
		request = request.startRevision(this.fromRevision);
		if (this.prevValue) {
			request = request.prevKv();
		}
		if (this.initialState) {
			request = request.withInitialState();
		}
		if (this.resync) {
			request = request.resyncOnCompaction();
		}
		if (!this.events.contains(WatchEvent.Type.PUT)) {
			request = request.noPut();
		}
		if (!this.events.contains(WatchEvent.Type.DELETE)) {
			request = request.noDelete();
		}
		WatchListener delivered = listener;
		if (this.resync && this.events.containsAll(EnumSet.allOf(WatchEvent.Type.class))) {
			// after the namespace is stripped: the DELETEs it makes carry user keys
			delivered = new ResyncDeletesListener(delivered);
		}
		if (namespace != Namespace.NONE) {
			delivered = new NamespacedListener(delivered, namespace);
		}
		return this.template.getClient().watches().watch(request, delivered);
	}

	/**
	 * Takes the namespace off event keys before the user's listener sees them.
	 */
	private static final class NamespacedListener extends ForwardingWatchListener {

		private final Namespace namespace;

		NamespacedListener(WatchListener target, Namespace namespace) {
			super(target);
			this.namespace = namespace;
		}

		@Override
		public void onEvent(WatchEvent event) {
			target().onEvent(strip(event));
		}

		@Override
		public void onRevision(long revision, List<WatchEvent> events) {
			target().onRevision(revision, events.stream().map(this::strip).toList());
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			target().onSnapshot(revision, kvs.stream().map(this.namespace::strip).toList());
		}

		private WatchEvent strip(WatchEvent event) {
			return new WatchEvent(event.type(), this.namespace.strip(event.kv()),
					(event.prevKv() != null) ? this.namespace.strip(event.prevKv()) : null);
		}

	}

}
