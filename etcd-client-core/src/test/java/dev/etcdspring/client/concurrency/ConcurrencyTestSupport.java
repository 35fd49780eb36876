package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

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

	/**
	 * Run a blocking attempt in a thread of its own: the common pool has a single worker
	 * on a two-CPU machine, where one attempt could wait behind another.
	 */
	static <T> CompletableFuture<T> inThread(Callable<T> attempt) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(attempt.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "concurrency-test-attempt");
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	/**
	 * Wait until {@code count} keys queue under {@code name}; on timeout, say what etcd
	 * holds and what became of the attempt that should have queued.
	 */
	static void awaitQueued(EtcdClient client, String name, int count, CompletableFuture<?> attempt) {
		try {
			await().atMost(Duration.ofSeconds(15)).until(() -> keysUnder(client, name).size() == count);
		}
		catch (ConditionTimeoutException ex) {
			String outcome = attempt.isDone() ? attempt.handle((result, failure) -> result + " / " + failure).join()
					: "still running";
			throw new AssertionError("Expected " + count + " keys under " + name + ", found " + keysUnder(client, name)
					+ "; the attempt: " + outcome, ex);
		}
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
