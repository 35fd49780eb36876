package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to read: one key, a prefix or a key range, with etcd's range options.
 * {@code RangeQuery.prefix("/config/").limit(10).keysOnly()}.
 * <p>
 * Immutable: each option returns a new query, so a query may be kept in a constant and
 * shared between threads.
 *
 * @since 0.1.0
 */
public final class RangeQuery {

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private final long limit;

	private final long revision;

	private final SortOrder sortOrder;

	private final SortTarget sortTarget;

	private final boolean serializable;

	private final boolean keysOnly;

	private final boolean countOnly;

	private RangeQuery(byte[] key, byte @Nullable [] rangeEnd) {
		this(key, rangeEnd, 0, 0, SortOrder.NONE, SortTarget.KEY, false, false, false);
	}

	private RangeQuery(byte[] key, byte @Nullable [] rangeEnd, long limit, long revision, SortOrder sortOrder,
			SortTarget sortTarget, boolean serializable, boolean keysOnly, boolean countOnly) {
		this.key = key;
		this.rangeEnd = rangeEnd;
		this.limit = limit;
		this.revision = revision;
		this.sortOrder = sortOrder;
		this.sortTarget = sortTarget;
		this.serializable = serializable;
		this.keysOnly = keysOnly;
		this.countOnly = countOnly;
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
	 * @return a query like this one, with the limit
	 */
	public RangeQuery limit(long limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		return new RangeQuery(this.key, this.rangeEnd, limit, this.revision, this.sortOrder, this.sortTarget,
				this.serializable, this.keysOnly, this.countOnly);
	}

	/**
	 * Read the store as it was at {@code revision} (0: now).
	 * @param revision the revision, 0 or more
	 * @return a query like this one, at the revision
	 * @throws IllegalArgumentException for a negative revision
	 */
	public RangeQuery revision(long revision) {
		Assert.isTrue(revision >= 0, () -> "Revision must be 0 (now) or positive, was " + revision);
		return new RangeQuery(this.key, this.rangeEnd, this.limit, revision, this.sortOrder, this.sortTarget,
				this.serializable, this.keysOnly, this.countOnly);
	}

	/**
	 * Sort the answer.
	 * @param target what to sort by
	 * @param order ascending or descending
	 * @return a query like this one, sorted
	 */
	public RangeQuery sort(SortTarget target, SortOrder order) {
		return new RangeQuery(this.key, this.rangeEnd, this.limit, this.revision, order, target, this.serializable,
				this.keysOnly, this.countOnly);
	}

	/**
	 * Let the member answer from its local state without consulting the leader: faster,
	 * but may be stale.
	 * @return a query like this one, serializable
	 */
	public RangeQuery serializable() {
		return new RangeQuery(this.key, this.rangeEnd, this.limit, this.revision, this.sortOrder, this.sortTarget, true,
				this.keysOnly, this.countOnly);
	}

	/**
	 * Return keys and revisions without values.
	 * @return a query like this one, for keys only
	 */
	public RangeQuery keysOnly() {
		return new RangeQuery(this.key, this.rangeEnd, this.limit, this.revision, this.sortOrder, this.sortTarget,
				this.serializable, true, this.countOnly);
	}

	/**
	 * Return only the number of matching keys.
	 * @return a query like this one, for the count only
	 */
	public RangeQuery countOnly() {
		return new RangeQuery(this.key, this.rangeEnd, this.limit, this.revision, this.sortOrder, this.sortTarget,
				this.serializable, this.keysOnly, true);
	}

	/**
	 * Continue a paginated read after {@code lastKey}, pinned at {@code revision}.
	 * @param lastKey the last key of the previous page
	 * @param pinnedRevision the revision of the first page
	 * @return a new query for the next page
	 */
	public RangeQuery nextPage(byte[] lastKey, long pinnedRevision) {
		return new RangeQuery(Keys.successor(lastKey), this.rangeEnd, this.limit, pinnedRevision, this.sortOrder,
				this.sortTarget, this.serializable, this.keysOnly, this.countOnly);
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
	 * Return the key, or the first key of the range.
	 * @return the key
	 * @since 0.1.0
	 */
	public byte[] getKey() {
		return this.key;
	}

	/**
	 * Return the end of the range, exclusive.
	 * @return the range end, or {@code null} when one key is read
	 * @since 0.1.0
	 */
	public byte @Nullable [] getRangeEnd() {
		return this.rangeEnd;
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

	/**
	 * Return the order of the answer.
	 * @return the order, {@link SortOrder#NONE} for etcd's key order
	 * @since 0.1.0
	 */
	public SortOrder getSortOrder() {
		return this.sortOrder;
	}

	/**
	 * Return what the answer is sorted by.
	 * @return the sort target; it matters only with a sort order
	 * @since 0.1.0
	 */
	public SortTarget getSortTarget() {
		return this.sortTarget;
	}

	/**
	 * Whether the member may answer from its local state.
	 * @return whether the read is serializable
	 * @since 0.1.0
	 */
	public boolean isSerializable() {
		return this.serializable;
	}

	/**
	 * Whether the answer leaves values out.
	 * @return whether only keys are read
	 * @since 0.1.0
	 */
	public boolean isKeysOnly() {
		return this.keysOnly;
	}

	/**
	 * Whether the answer carries only the count.
	 * @return whether only the count is read
	 * @since 0.1.0
	 */
	public boolean isCountOnly() {
		return this.countOnly;
	}

}
