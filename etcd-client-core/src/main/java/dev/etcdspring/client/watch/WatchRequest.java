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

	private final boolean progressNotify;

	private final boolean fragment;

	private WatchRequest(byte[] key, byte @Nullable [] rangeEnd) {
		// Progress notifications and fragments are on by default: both only matter when
		// the engine resumes a watch, which the user never asked for and cannot time.
		// Without progress, a watch idle past the compaction window resumes into a
		// compaction although nothing it watches changed; without fragments, a catch-up
		// answer (up to 1,000 revisions) may exceed the answer limit and never get
		// through. Each costs etcd little: one small message per idle watch every 10
		// minutes, and a size check per answer.
		this(key, rangeEnd, 0, false, false, false, false, false, true, true);
	}

	private WatchRequest(byte[] key, byte @Nullable [] rangeEnd, long startRevision, boolean prevKv, boolean noPut,
			boolean noDelete, boolean initialState, boolean resyncOnCompaction, boolean progressNotify,
			boolean fragment) {
		this.key = key;
		this.rangeEnd = rangeEnd;
		this.startRevision = startRevision;
		this.prevKv = prevKv;
		this.noPut = noPut;
		this.noDelete = noDelete;
		this.initialState = initialState;
		this.resyncOnCompaction = resyncOnCompaction;
		this.progressNotify = progressNotify;
		this.fragment = fragment;
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
				this.initialState, this.resyncOnCompaction, this.progressNotify, this.fragment);
	}

	/**
	 * Include each key's previous value in its events.
	 * @return a request like this one, with previous values
	 */
	public WatchRequest prevKv() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, true, this.noPut, this.noDelete,
				this.initialState, this.resyncOnCompaction, this.progressNotify, this.fragment);
	}

	/**
	 * Leave out put events.
	 * @return a request like this one, without put events
	 */
	public WatchRequest noPut() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, true, this.noDelete,
				this.initialState, this.resyncOnCompaction, this.progressNotify, this.fragment);
	}

	/**
	 * Leave out delete events.
	 * @return a request like this one, without delete events
	 */
	public WatchRequest noDelete() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, true,
				this.initialState, this.resyncOnCompaction, this.progressNotify, this.fragment);
	}

	/**
	 * Deliver the current state first: the key-values read at a revision R, as a
	 * {@link WatchListener#onSnapshot snapshot}, then every change from R + 1 on, with no
	 * gap.
	 * @return a request like this one, with the initial state
	 */
	public WatchRequest withInitialState() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				true, this.resyncOnCompaction, this.progressNotify, this.fragment);
	}

	/**
	 * When the history the watch needs is compacted away, read the current state, deliver
	 * it as a {@link WatchListener#onSnapshot snapshot} and go on watching from there,
	 * instead of ending the watch.
	 * @return a request like this one, resynchronized after a compaction
	 */
	public WatchRequest resyncOnCompaction() {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				this.initialState, true, this.progressNotify, this.fragment);
	}

	/**
	 * Whether etcd tells an idle watch how far it got (on by default). Every few minutes
	 * (etcd's {@code --experimental-watch-progress-notify-interval}, 10 minutes by
	 * default) etcd tells a watch that saw no change in that time its current revision:
	 * the watch then resumes from there after a reconnect, instead of from its last
	 * change, which etcd may have compacted away meanwhile (a watch without
	 * {@link #resyncOnCompaction()} would end). Listeners may follow it with
	 * {@link WatchListener#onProgress(long)}. Off, an idle watch costs etcd nothing, and
	 * after a reconnect it resumes from its last change.
	 * @param enabled whether to ask for progress notifications
	 * @return a request like this one, with or without progress notifications
	 * @since 0.1.0
	 */
	public WatchRequest progressNotify(boolean enabled) {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				this.initialState, this.resyncOnCompaction, enabled, this.fragment);
	}

	/**
	 * Whether etcd may split a large answer into fragments (on by default; etcd 3.4 or
	 * later). etcd then sends no watch message much larger than its
	 * {@code --max-request-bytes} (plus 512 KiB), and the client puts the fragments back
	 * together: a revision still reaches the listener whole, in one
	 * {@link WatchListener#onRevision onRevision} call. It matters when a watch catches
	 * up: etcd answers up to 1,000 revisions at once, which without fragments can be one
	 * message larger than the client accepts ({@code etcd.max-answer-size}), so that the
	 * watch cannot resume. With fragments, only a single revision larger than that limit
	 * fails.
	 * @param enabled whether etcd may fragment its answers
	 * @return a request like this one, with or without fragments
	 * @since 0.1.0
	 */
	public WatchRequest fragment(boolean enabled) {
		return new WatchRequest(this.key, this.rangeEnd, this.startRevision, this.prevKv, this.noPut, this.noDelete,
				this.initialState, this.resyncOnCompaction, this.progressNotify, enabled);
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
	 * Whether etcd tells the idle watch how far it got.
	 * @return whether progress notifications are asked for
	 * @since 0.1.0
	 */
	public boolean isProgressNotify() {
		return this.progressNotify;
	}

	/**
	 * Whether etcd may split large answers into fragments.
	 * @return whether fragments are asked for
	 * @since 0.1.0
	 */
	public boolean isFragment() {
		return this.fragment;
	}

	/**
	 * Return the read of the watched key or prefix: what a snapshot reads.
	 * @return the range query
	 */
	public RangeQuery toRangeQuery() {
		return (this.rangeEnd == null) ? RangeQuery.key(this.key) : RangeQuery.range(this.key, this.rangeEnd);
	}

}
