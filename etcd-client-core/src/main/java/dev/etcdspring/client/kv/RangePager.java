package dev.etcdspring.client.kv;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a range page after page: each page continues after the last key of the one
 * before, at the revision of the first page, so the whole read is one consistent snapshot
 * however many keys there are. A range sorted by anything but key cannot continue by key,
 * so one request reads it all.
 *
 * @since 0.1.0
 */
public final class RangePager implements Iterator<KeyValue> {

	private final KvClient kv;

	private final int pageSize;

	private RangeQuery next;

	private Iterator<KeyValue> page = Collections.emptyIterator();

	private long remaining;

	private boolean more = true;

	private long revision;

	/**
	 * Create a pager.
	 * @param kv the client to read with
	 * @param query the range (its own limit is replaced)
	 * @param limit the most keys to return in all, 0 for no limit
	 * @param pageSize the most keys per request
	 */
	public RangePager(KvClient kv, RangeQuery query, long limit, int pageSize) {
		this.kv = kv;
		this.pageSize = pageSize;
		this.remaining = (limit > 0) ? limit : Long.MAX_VALUE;
		this.revision = query.getRevision();
		long first = query.isKeyOrdered() ? Math.min(this.remaining, pageSize) : limit;
		this.next = query.limit(first);
	}

	/**
	 * Read everything the pager returns.
	 * @return the key-values
	 */
	public List<KeyValue> toList() {
		List<KeyValue> all = new java.util.ArrayList<>();
		forEachRemaining(all::add);
		return all;
	}

	/**
	 * Return the revision every page is read at; known after the first page.
	 * @return the revision, 0 before the first read
	 */
	public long revision() {
		if (this.revision == 0) {
			hasNext();
		}
		return this.revision;
	}

	@Override
	public boolean hasNext() {
		while (!this.page.hasNext() && this.more && this.remaining > 0) {
			fetch();
		}
		return this.page.hasNext() && this.remaining > 0;
	}

	@Override
	public KeyValue next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		this.remaining--;
		return this.page.next();
	}

	private void fetch() {
		RangeResponse response = this.kv.range(this.next);
		if (this.revision == 0) {
			this.revision = response.header().revision();
		}
		List<KeyValue> kvs = response.kvs();
		this.page = kvs.iterator();
		this.more = response.more() && !kvs.isEmpty() && this.next.isKeyOrdered();
		if (this.more) {
			long pageLimit = Math.min(this.remaining - kvs.size(), this.pageSize);
			this.next = this.next.nextPage(kvs.get(kvs.size() - 1).key(), this.revision).limit(Math.max(1, pageLimit));
		}
	}

}
