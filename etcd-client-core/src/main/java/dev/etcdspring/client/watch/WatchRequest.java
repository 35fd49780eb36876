package dev.etcdspring.client.watch;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.kv.Keys;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to watch: a key or a prefix, from a revision, with options.
 * {@code WatchRequest.prefix("/config/").startRevision(42).prevKv()}.
 *
 * @since 0.1.0
 */
public final class WatchRequest {

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private long startRevision;

	private boolean prevKv;

	private boolean noPut;

	private boolean noDelete;

	private boolean initialState;

	private boolean resyncOnCompaction;

	private WatchRequest(byte[] key, byte @Nullable [] rangeEnd) {
		this.key = key;
		this.rangeEnd = rangeEnd;
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
	 * @return this request
	 * @throws IllegalArgumentException for a negative revision
	 */
	public WatchRequest startRevision(long revision) {
		Assert.isTrue(revision >= 0, () -> "Start revision must be 0 (now) or positive, was " + revision);
		this.startRevision = revision;
		return this;
	}

	/**
	 * Include each key's previous value in its events.
	 * @return this request
	 */
	public WatchRequest prevKv() {
		this.prevKv = true;
		return this;
	}

	/**
	 * Leave out put events.
	 * @return this request
	 */
	public WatchRequest noPut() {
		this.noPut = true;
		return this;
	}

	/**
	 * Leave out delete events.
	 * @return this request
	 */
	public WatchRequest noDelete() {
		this.noDelete = true;
		return this;
	}

	/**
	 * Deliver the current state first: the key-values read at a revision R, as a
	 * {@link WatchListener#onSnapshot snapshot}, then every change from R + 1 on, with no
	 * gap.
	 * @return this request
	 */
	public WatchRequest withInitialState() {
		this.initialState = true;
		return this;
	}

	/**
	 * When the history the watch needs is compacted away, read the current state, deliver
	 * it as a {@link WatchListener#onSnapshot snapshot} and go on watching from there,
	 * instead of ending the watch.
	 * @return this request
	 */
	public WatchRequest resyncOnCompaction() {
		this.resyncOnCompaction = true;
		return this;
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
	 * Return the read of the watched key or prefix, for snapshots.
	 * @return the range query
	 */
	public dev.etcdspring.client.kv.RangeQuery toRangeQuery() {
		return (this.rangeEnd == null) ? dev.etcdspring.client.kv.RangeQuery.key(this.key)
				: dev.etcdspring.client.kv.RangeQuery.range(this.key, this.rangeEnd);
	}

	/**
	 * Return the first revision asked for.
	 * @return the revision, 0 for "from now"
	 */
	public long getStartRevision() {
		return this.startRevision;
	}

	/**
	 * Return the create request for a stream that resumes at {@code fromRevision}.
	 * @param watchId the id that the stream's answers carry for this watch
	 * @param fromRevision the revision to resume from, 0 for "from now"
	 * @return the message
	 */
	public CreateJson toCreateJson(long watchId, long fromRevision) {
		java.util.List<String> filters = new java.util.ArrayList<>();
		if (this.noPut) {
			filters.add("NOPUT");
		}
		if (this.noDelete) {
			filters.add("NODELETE");
		}
		return new CreateJson(new Create(this.key, this.rangeEnd, fromRevision, this.prevKv,
				filters.isEmpty() ? null : filters, watchId));
	}

	public record CreateJson(@JsonProperty("create_request") Create create) {
	}

	public record Create(@JsonProperty("key") byte[] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd,
			@JsonProperty("start_revision") long startRevision, @JsonProperty("prev_kv") boolean prevKv,
			@JsonProperty("filters") java.util.@Nullable List<String> filters, @JsonProperty("watch_id") long watchId) {
	}

}
