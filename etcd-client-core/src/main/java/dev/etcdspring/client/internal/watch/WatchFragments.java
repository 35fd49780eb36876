package dev.etcdspring.client.internal.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.internal.transport.GatewayErrors;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

/**
 * Puts a stream's fragmented watch answers back together, so that no revision reaches a
 * listener in pieces.
 * <p>
 * etcd splits an answer larger than its request limit (with {@code "fragment":true} on
 * every result but the last) at any event, also in the middle of a revision: one
 * transaction's events may come in two results. A revision is complete once an event of a
 * later revision, or the last fragment, arrives. So only the trailing revision of a
 * fragment is held back, and the complete ones go on at once: a watch catching up over
 * 1,000 revisions in one answer holds one revision, not the answer. The held revision is
 * bounded by the client's answer limit, as one message would be.
 * <p>
 * Used by the one thread reading the stream; a stream that breaks is dropped with what it
 * held (its watches resume before it).
 */
final class WatchFragments {

	/**
	 * What etcd's JSON spends on a key or value: base64, four characters per three bytes.
	 */
	private static final int BASE64_CHARS = 4;

	private static final int BASE64_BYTES = 3;

	private final long maxHeldBytes;

	private final String endpoint;

	/** The incomplete trailing revision per watch id. */
	private final Map<Long, Held> held = new HashMap<>();

	/**
	 * Create an empty reassembly.
	 * @param maxHeldBytes the most JSON bytes (estimated from keys and values) one held
	 * revision may take: the client's answer limit
	 * @param endpoint the member whose stream this is, for the error
	 */
	WatchFragments(long maxHeldBytes, String endpoint) {
		this.maxHeldBytes = maxHeldBytes;
		this.endpoint = endpoint;
	}

	/**
	 * Take one result's events.
	 * @param watchId the watch they belong to
	 * @param fragment whether more of the same answer follows
	 * @param events the result's events, in revision order
	 * @return the events of every complete revision, in order, ready to be delivered
	 * @throws EtcdAnswerTooLargeException when a held revision grows past the limit, as
	 * one message that large would
	 */
	List<WatchEvent> accept(long watchId, boolean fragment, List<WatchEvent> events) {
		Held pending = this.held.remove(watchId);
		if (pending == null && !fragment) {
			return events;
		}
		List<WatchEvent> complete = new ArrayList<>();
		for (WatchEvent event : events) {
			if (pending == null || pending.revision != event.revision()) {
				if (pending != null) {
					complete.addAll(pending.events);
				}
				pending = new Held(event.revision());
			}
			pending.add(event);
			if (pending.bytes > this.maxHeldBytes) {
				throw GatewayErrors.watchMessageTooLarge(this.maxHeldBytes, this.endpoint);
			}
		}
		if (pending != null) {
			if (fragment) {
				this.held.put(watchId, pending);
			}
			else {
				complete.addAll(pending.events);
			}
		}
		return complete;
	}

	/**
	 * Whether part of a revision is held for a watch.
	 * @param watchId the watch
	 * @return whether a fragment of it waits for the rest
	 */
	boolean holds(long watchId) {
		return this.held.containsKey(watchId);
	}

	private static long jsonBytes(@Nullable KeyValue kv) {
		if (kv == null) {
			return 0;
		}
		long raw = kv.key().length + kv.value().length;
		return (raw * BASE64_CHARS + BASE64_BYTES - 1) / BASE64_BYTES;
	}

	/** The events of one revision received so far. */
	private static final class Held {

		private final long revision;

		private final List<WatchEvent> events = new ArrayList<>();

		private long bytes;

		Held(long revision) {
			this.revision = revision;
		}

		void add(WatchEvent event) {
			this.bytes += jsonBytes(event.kv()) + jsonBytes(event.prevKv());
			this.events.add(event);
		}

	}

}
