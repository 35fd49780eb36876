package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.internal.codec.GatewayJsonWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to read: one key, a prefix or a key range, with etcd's range options. A fluent,
 * mutable spec: {@code RangeQuery.prefix("/config/").limit(10).keysOnly()}.
 *
 * @since 0.1.0
 */
public final class RangeQuery {

	private final byte[] key;

	private byte @Nullable [] rangeEnd;

	private long limit;

	private long revision;

	private SortOrder sortOrder = SortOrder.NONE;

	private SortTarget sortTarget = SortTarget.KEY;

	private boolean serializable;

	private boolean keysOnly;

	private boolean countOnly;

	private RangeQuery(byte[] key, byte @Nullable [] rangeEnd) {
		this.key = key;
		this.rangeEnd = rangeEnd;
	}

	/**
	 * Read one key.
	 * @param key the key
	 * @return the query
	 */
	public static RangeQuery key(byte[] key) {
		return new RangeQuery(Keys.require(key), null);
	}

	/**
	 * Read one key.
	 * @param key the key, UTF-8 encoded
	 * @return the query
	 */
	public static RangeQuery key(String key) {
		return key(Keys.require(key));
	}

	/**
	 * Read every key that starts with {@code prefix}; an empty prefix reads every key.
	 * @param prefix the prefix
	 * @return the query
	 */
	public static RangeQuery prefix(byte[] prefix) {
		if (prefix.length == 0) {
			return new RangeQuery(Keys.ALL_FROM_KEY, Keys.ALL_FROM_KEY);
		}
		return new RangeQuery(prefix, Keys.prefixEnd(prefix));
	}

	/**
	 * Read every key that starts with {@code prefix}.
	 * @param prefix the prefix, UTF-8 encoded
	 * @return the query
	 */
	public static RangeQuery prefix(String prefix) {
		return prefix(prefix.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Read the keys in {@code [from, to)}.
	 * @param from the first key
	 * @param to the end of the range, exclusive
	 * @return the query
	 */
	public static RangeQuery range(byte[] from, byte[] to) {
		return new RangeQuery(Keys.require(from), to);
	}

	/**
	 * Return at most {@code limit} keys (0: no limit); the answer says whether there are
	 * more.
	 * @param limit the maximum number of keys
	 * @return this query
	 */
	public RangeQuery limit(long limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		this.limit = limit;
		return this;
	}

	/**
	 * Read the store as it was at {@code revision} (0: now).
	 * @param revision the revision, 0 or more
	 * @return this query
	 * @throws IllegalArgumentException for a negative revision
	 */
	public RangeQuery revision(long revision) {
		Assert.isTrue(revision >= 0, () -> "Revision must be 0 (now) or positive, was " + revision);
		this.revision = revision;
		return this;
	}

	/**
	 * Sort the answer.
	 * @param target what to sort by
	 * @param order ascending or descending
	 * @return this query
	 */
	public RangeQuery sort(SortTarget target, SortOrder order) {
		this.sortTarget = target;
		this.sortOrder = order;
		return this;
	}

	/**
	 * Let the member answer from its local state without consulting the leader: faster,
	 * but may be stale.
	 * @return this query
	 */
	public RangeQuery serializable() {
		this.serializable = true;
		return this;
	}

	/**
	 * Return keys and revisions without values.
	 * @return this query
	 */
	public RangeQuery keysOnly() {
		this.keysOnly = true;
		return this;
	}

	/**
	 * Return only the number of matching keys.
	 * @return this query
	 */
	public RangeQuery countOnly() {
		this.countOnly = true;
		return this;
	}

	/**
	 * Continue a paginated read after {@code lastKey}, pinned at {@code revision}.
	 * @param lastKey the last key of the previous page
	 * @param pinnedRevision the revision of the first page
	 * @return a new query for the next page
	 */
	public RangeQuery nextPage(byte[] lastKey, long pinnedRevision) {
		RangeQuery next = new RangeQuery(Keys.successor(lastKey), this.rangeEnd);
		next.limit = this.limit;
		next.revision = pinnedRevision;
		next.sortOrder = this.sortOrder;
		next.sortTarget = this.sortTarget;
		next.serializable = this.serializable;
		next.keysOnly = this.keysOnly;
		next.countOnly = this.countOnly;
		return next;
	}

	/**
	 * Whether this query reads more than one key.
	 * @return {@code true} for a prefix or range
	 */
	public boolean isRange() {
		return this.rangeEnd != null;
	}

	/**
	 * Whether the answer comes in etcd's key order, so that pagination by key is
	 * possible.
	 * @return {@code true} when sorted ascending by key or not sorted
	 */
	public boolean isKeyOrdered() {
		return this.sortOrder == SortOrder.NONE
				|| (this.sortOrder == SortOrder.ASCEND && this.sortTarget == SortTarget.KEY);
	}

	/**
	 * Return the limit.
	 * @return the limit, 0 for none
	 */
	public long getLimit() {
		return this.limit;
	}

	/**
	 * Return the revision read at.
	 * @return the revision, 0 for now
	 */
	public long getRevision() {
		return this.revision;
	}

	/** Write this request's fields (proto3: a field left out is its default). */
	public void writeFields(GatewayJsonWriter json) {
		json.field("key", this.key);
		if (this.rangeEnd != null) {
			json.field("range_end", this.rangeEnd);
		}
		if (this.limit != 0) {
			json.field("limit", this.limit);
		}
		if (this.revision != 0) {
			json.field("revision", this.revision);
		}
		if (this.sortOrder != SortOrder.NONE) {
			json.field("sort_order", this.sortOrder.name());
			json.field("sort_target", this.sortTarget.name());
		}
		if (this.serializable) {
			json.field("serializable", true);
		}
		if (this.keysOnly) {
			json.field("keys_only", true);
		}
		if (this.countOnly) {
			json.field("count_only", true);
		}
	}

}
