package dev.etcdspring.client.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangePager;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;

import org.springframework.util.Assert;

/**
 * A listing of the keys under a prefix, from {@link EtcdTemplate#list(String)}.
 * <p>
 * Large prefixes are read page by page, every page at the revision of the first one, so
 * the result is one consistent snapshot however many keys there are.
 *
 * @since 0.1.0
 */
public final class EtcdListSpec {

	/** Keys per request when reading a prefix page by page. */
	public static final int DEFAULT_PAGE_SIZE = 1000;

	private final EtcdTemplate template;

	private final byte[] prefix;

	private long limit;

	private long revision;

	private SortTarget sortTarget = SortTarget.KEY;

	private SortOrder sortOrder = SortOrder.NONE;

	private boolean serializable;

	private int pageSize = DEFAULT_PAGE_SIZE;

	EtcdListSpec(EtcdTemplate template, byte[] prefix) {
		this.template = template;
		this.prefix = prefix;
	}

	/**
	 * Return at most {@code limit} keys.
	 * @param limit the maximum, positive
	 * @return this spec
	 */
	public EtcdListSpec limit(long limit) {
		Assert.isTrue(limit > 0, "Limit must be positive");
		this.limit = limit;
		return this;
	}

	/**
	 * Sort by {@code target} in {@code order}.
	 * @param target what to sort by
	 * @param order the order
	 * @return this spec
	 */
	public EtcdListSpec sortBy(SortTarget target, SortOrder order) {
		this.sortTarget = target;
		this.sortOrder = order;
		return this;
	}

	/**
	 * Read the prefix as it was at {@code revision}.
	 * @param revision the revision
	 * @return this spec
	 */
	public EtcdListSpec atRevision(long revision) {
		Assert.isTrue(revision > 0, "Revision must be positive");
		this.revision = revision;
		return this;
	}

	/**
	 * Let the member answer from its local state: faster, but may be stale.
	 * @return this spec
	 */
	public EtcdListSpec serializable() {
		this.serializable = true;
		return this;
	}

	/**
	 * Read at most {@code pageSize} keys per request.
	 * @param pageSize the page size
	 * @return this spec
	 */
	public EtcdListSpec pageSize(int pageSize) {
		Assert.isTrue(pageSize > 0, "Page size must be positive");
		this.pageSize = pageSize;
		return this;
	}

	/**
	 * Return the keys as UTF-8 text, without reading values. Use {@link #keyBytes()} for
	 * keys that may not be UTF-8.
	 * @return the keys
	 */
	public List<String> keys() {
		List<String> keys = new ArrayList<>();
		read(true, (kv) -> keys.add(this.template.namespace().userKey(kv)));
		return keys;
	}

	/**
	 * Return the keys' exact bytes, without reading values: for keys that may not be
	 * UTF-8, which {@link #keys()} cannot return unchanged.
	 * @return the keys
	 * @since 0.1.0
	 */
	public List<byte[]> keyBytes() {
		List<byte[]> keys = new ArrayList<>();
		read(true, (kv) -> keys.add(this.template.namespace().strip(kv.key())));
		return keys;
	}

	/**
	 * Return the entries with values as {@code type}.
	 * @param <T> the value type
	 * @param type the value type
	 * @return the entries
	 */
	public <T> List<EtcdEntry<T>> entries(Class<T> type) {
		List<EtcdEntry<T>> entries = new ArrayList<>();
		read(false, (kv) -> entries.add(this.template.entry(kv, type)));
		return entries;
	}

	/**
	 * Return the values by key (as UTF-8 text; see {@link #entries(Class)} for exact key
	 * bytes), in the listing's order.
	 * @param <T> the value type
	 * @param type the value type
	 * @return the values by key
	 */
	public <T> Map<String, T> asMap(Class<T> type) {
		Map<String, T> values = new LinkedHashMap<>();
		read(false, (kv) -> values.put(this.template.namespace().userKey(kv), this.template.decode(kv, type)));
		return values;
	}

	/**
	 * Return the entries lazily, one page at a time: for prefixes too large to hold at
	 * once.
	 * @param <T> the value type
	 * @param type the value type
	 * @return the entries
	 */
	public <T> Stream<EtcdEntry<T>> stream(Class<T> type) {
		Iterator<KeyValue> pages = pager(false);
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
			.map((kv) -> this.template.entry(kv, type));
	}

	/**
	 * Count the keys, without reading them.
	 * @return the number of keys
	 */
	public long count() {
		RangeQuery query = baseQuery(false).countOnly();
		long count = this.template.getClient().kv().range(query).count();
		return (this.limit > 0) ? Math.min(count, this.limit) : count;
	}

	private void read(boolean keysOnly, Consumer<KeyValue> sink) {
		pager(keysOnly).forEachRemaining(sink);
	}

	private RangePager pager(boolean keysOnly) {
		return new RangePager(this.template.getClient().kv(), baseQuery(keysOnly), this.limit, this.pageSize);
	}

	private RangeQuery baseQuery(boolean keysOnly) {
		RangeQuery query = RangeQuery.prefix(this.prefix).sort(this.sortTarget, this.sortOrder);
		if (this.revision > 0) {
			query = query.revision(this.revision);
		}
		if (this.serializable) {
			query = query.serializable();
		}
		if (keysOnly) {
			query = query.keysOnly();
		}
		return query;
	}

}
