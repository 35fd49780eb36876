package dev.etcdspring.client.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdMetrics;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * What the watch tests need besides the public client API: what etcd itself reports about
 * its watches, the TCP connections of this JVM, and small conversions.
 */
final class WatchTestSupport {

	private WatchTestSupport() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static long put(EtcdClient client, String key, String value) {
		return client.kv().put(PutRequest.of(bytes(key), bytes(value))).header().revision();
	}

	/**
	 * Read every key under {@code prefix}, as a user would to check what a watch built.
	 * @param client the client to read with
	 * @param prefix the prefix
	 * @return key to value, sorted by key
	 */
	static Map<String, String> read(EtcdClient client, String prefix) {
		return toMap(client.kv().range(RangeQuery.prefix(prefix)).kvs());
	}

	static Map<String, String> toMap(List<KeyValue> kvs) {
		Map<String, String> map = new TreeMap<>();
		kvs.forEach((kv) -> map.put(kv.keyAsString(), kv.valueAsString()));
		return map;
	}

	/**
	 * Return how many watch streams a member serves, by its own account (one per gateway
	 * watch request).
	 * @param endpoint the member's client URL
	 * @return the number, or empty when the member does not answer
	 */
	static OptionalLong watchStreams(String endpoint) {
		return metric(endpoint, "etcd_debugging_mvcc_watch_stream_total");
	}

	/**
	 * Return how many watchers (created watches) a member serves, by its own account.
	 * @param endpoint the member's client URL
	 * @return the number, or empty when the member does not answer
	 */
	static OptionalLong watchers(String endpoint) {
		return metric(endpoint, "etcd_debugging_mvcc_watcher_total");
	}

	private static OptionalLong metric(String endpoint, String name) {
		return EtcdMetrics.read(endpoint, name);
	}

	/**
	 * Count the established TCP connections from this JVM to a local port: the rows of
	 * {@code /proc/net/tcp[6]} in state {@code 01} whose remote port is {@code port} and
	 * whose socket inode is one of this process's file descriptors (so etcd's own
	 * connections to its client port, and other processes', are left out).
	 * @param port the member's client port
	 * @return the number of connections
	 */
	static int establishedConnectionsTo(int port) {
		Set<Long> ours = socketInodesOfThisProcess();
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.isReadable(path)) {
				continue;
			}
			List<String> lines = readLines(path);
			for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length < 10) {
					continue;
				}
				String remote = fields[2];
				int remotePort = Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1), 16);
				if (remotePort == port && "01".equals(fields[3]) && ours.contains(Long.parseLong(fields[9]))) {
					count++;
				}
			}
		}
		return count;
	}

	private static Set<Long> socketInodesOfThisProcess() {
		Set<Long> inodes = new HashSet<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
					}
				}
				catch (IOException ex) {
					// closed while we listed it: not a connection any more
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return inodes;
	}

	private static List<String> readLines(Path path) {
		try {
			return Files.readAllLines(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait for a condition like Awaitility, but report a timeout as {@code false}, for
	 * tests that measure and report before they assert.
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @return whether it held in time
	 */
	static boolean awaitQuietly(Duration timeout, Callable<Boolean> condition) {
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

}
