package dev.etcdspring.client.watch;

import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.kv.RangeQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to watch: a key or a prefix, from a revision, with options.
 * {@code WatchRequest.prefix("/config/").startRevision(42).prevKv()}.
 * <p>
 * Immutable: each option returns a new request.
 *
 * @since 0.1.0
 */
public final class WatchRequest {

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private final long startRevision;

	private final boolean prevKv;

	private final boolean noPut;

	private final boolean noDelete;

	private final boolean initialState;

	private final boolean resyncOnCompaction;

	private WatchRequest(byte[] key, byte @Nullable [] rangeEnd) {
		this(key, rangeEnd, 0, false, false, false, false, false);
	}

	private WatchRequest(byte[] key, byte @Nullable [] rangeEnd, long startRevision, boolean prevKv, boolean noPut,
			boolean noDelete, boolean initialState, boolean resyncOnCompaction) {
		this.key = key;
		this.rangeEnd = rangeEnd;
		this.startRevision = startRevision;
		this.prevKv = prevKv;
		this.noPut = noPut;
		this.noDelete = noDelete;
		this.initialState = initialState;
		this.resyncOnCompaction = resyncOnCompaction;
	}

	/**
	 * Watch one key.
	 * @param key the key
	 * @return the request
	 */
	public static WatchRequest key(byte[] key) {
		return new WatchRequest(Keys.require(key), null);
	}

	/**
	 * Watch one key.
	 * @param key the key, UTF-8 encoded
	 * @return the request
	 */
	public static WatchRequest key(String key) {
		return key(Keys.require(key));
	}

	/**
	 * Watch every key that starts with {@code prefix}; an empty prefix watches every key.
	 * @param prefix the prefix
	 * @return the request
	 */
	public static WatchRequest prefix(byte[] prefix) {
		if (prefix.length == 0) {
			return new WatchRequest(Keys.ALL_FROM_KEY, Keys.ALL_FROM_KEY);
		}
		return new WatchRequest(prefix, Keys.prefixEnd(prefix));
	}

	/**
	 * Watch every key that starts with {@code prefix}.
	 * @param prefix the prefix, UTF-8 encoded
	 * @return the request
	 */
	public static WatchRequest prefix(String prefix) {
		return prefix(prefix.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Deliver changes from {@code revision} on (0: changes after the watch is created).
	 * @param revision the first revision to deliver, 0 or more
	 * @return a request like this one, from the revision
	 * @throws IllegalArgumentException for a negative revision
	 */
	public WatchRequest startRevision(long revision) {
		Assert.isTrue(revision >= 0, () -> "Start revision must be 0 (now) or positive, was " + revision);
		return new WatchRequest(this.key, this.rangeEnd, revision, this.prevKv, this.noPut, this.noDelete,
				this.initialState, this.resyncOnCompaction);
	}

	/**
	 * Include each key's previous value in its events.
	 * @return a request like this one, with previous values
	 */
	public WatchRequest prevKv() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, true, this.noPut, this.noDelete,
				this.initialState, this.resyncOnCompaction);
	}

	/**
	 * Leave out put events.
	 * @return a request like this one, without put events
	 */
	public WatchRequest noPut() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, true, this.noDelete,
				this.initialState, this.resyncOnCompaction);
	}

	/**
	 * Leave out delete events.
	 * @return a request like this one, without delete events
	 */
	public WatchRequest noDelete() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, true,
				this.initialState, this.resyncOnCompaction);
	}

	/**
	 * Deliver the current state first: the key-values read at a revision R, as a
	 * {@link WatchListener#onSnapshot snapshot}, then every change from R + 1 on, with no
	 * gap.
	 * @return a request like this one, with the initial state
	 */
	public WatchRequest withInitialState() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				true, this.resyncOnCompaction);
	}

	/**
	 * When the history the watch needs is compacted away, read the current state, deliver
	 * it as a {@link WatchListener#onSnapshot snapshot} and go on watching from there,
	 * instead of ending the watch.
	 * @return a request like this one, resynchronized after a compaction
	 */
	public WatchRequest resyncOnCompaction() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				this.initialState, true);
	}

	/**
	 * Return the key, or the first key of the range.
	 * @return the key
	 * @since 0.1.0
	 */
	public byte[] getKey() {
		return this.key;
	}

	/**
	 * Return the end of the watched range, exclusive.
	 * @return the range end, or {@code null} when one key is watched
	 * @since 0.1.0
	 */
	public byte @Nullable [] getRangeEnd() {
		return this.rangeEnd;
	}

	/**
	 * Return the first revision asked for.
	 * @return the revision, 0 for "from now"
	 */
	public long getStartRevision() {
		return this.startRevision;
	}

	/**
	 * Whether events carry the previous key-value.
	 * @return whether previous values are asked for
	 * @since 0.1.0
	 */
	public boolean isPrevKv() {
		return this.prevKv;
	}

	/**
	 * Whether put events are left out.
	 * @return whether puts are filtered
	 * @since 0.1.0
	 */
	public boolean isNoPut() {
		return this.noPut;
	}

	/**
	 * Whether delete events are left out.
	 * @return whether deletes are filtered
	 * @since 0.1.0
	 */
	public boolean isNoDelete() {
		return this.noDelete;
	}

	/**
	 * Whether the current state is delivered first.
	 * @return whether the initial state is asked for
	 */
	public boolean isInitialState() {
		return this.initialState;
	}

	/**
	 * Whether a compaction leads to a snapshot and the watch goes on.
	 * @return whether to resync on compaction
	 */
	public boolean isResyncOnCompaction() {
		return this.resyncOnCompaction;
	}

	/**
	 * Return the read of the watched key or prefix: what a snapshot reads.
	 * @return the range query
	 */
	public RangeQuery toRangeQuery() {
		return (this.rangeEnd == null) ? RangeQuery.key(this.key) : RangeQuery.range(this.key, this.rangeEnd);
	}

}
