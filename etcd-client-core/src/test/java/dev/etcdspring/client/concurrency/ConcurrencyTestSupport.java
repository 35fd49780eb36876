package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;

/**
 * Sessions that a test closes afterwards, unique names, and what etcd holds under a name.
 */
final class ConcurrencyTestSupport implements AutoCloseable {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	EtcdSession session(EtcdClient client, Duration ttl) {
		EtcdSession session = EtcdSession.create(client, ttl);
		this.closeables.add(session);
		return session;
	}

	<T extends AutoCloseable> T closeLater(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	static String uniqueName(String root) {
		return root + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The keys under {@code name + "/"}, oldest first. */
	static List<String> keysUnder(EtcdClient client, String name) {
		return client.kv()
			.range(RangeQuery.prefix(name + "/"))
			.kvs()
			.stream()
			.sorted((a, b) -> Long.compare(a.createRevision(), b.createRevision()))
			.map(KeyValue::keyAsString)
			.toList();
	}

	static String keyOf(String name, EtcdSession session) {
		return name + "/" + Long.toHexString(session.leaseId());
	}

	@Override
	public void close() {
		// last in, first out: sessions before the clients they use
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			try {
				this.closeables.get(i).close();
			}
			catch (Exception ex) {
				// a test's own failure matters more than a failed cleanup
			}
		}
		this.closeables.clear();
	}

}
