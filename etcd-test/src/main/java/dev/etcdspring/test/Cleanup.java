package dev.etcdspring.test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Last line of defence against leaked etcd processes and temp dirs: every open
 * {@link EtcdServer} is tracked here and a single shutdown hook closes whatever a crashed
 * or careless test left open.
 */
final class Cleanup {

	private static final Set<EtcdServer> OPEN = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "etcd-test-cleanup"));
	}

	private Cleanup() {
	}

	static void register(EtcdServer server) {
		OPEN.add(server);
	}

	static void unregister(EtcdServer server) {
		OPEN.remove(server);
	}

	private static void closeAll() {
		for (EtcdServer server : new ArrayList<>(OPEN)) {
			server.close();
		}
	}

	/**
	 * Delete a directory tree, ignoring failures: cleanup must never mask a test result.
	 */
	static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach(Cleanup::deleteQuietly);
		}
		catch (IOException | RuntimeException ex) {
			// Best effort; a leftover temp dir is not worth failing a build for.
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// Best effort, see above.
		}
	}

	/**
	 * Describe the end of a log file for a failure message: the last lines, preceded by
	 * the first error line of the latest run, because etcd prints a long usage text after
	 * a bad flag and the cause would otherwise scroll out of the tail.
	 */
	static String describeLog(Path file, int lines, String runMarker) {
		String text;
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			// Only the end of the file: a long-running member's log can be large.
			int chunk = (int) Math.min(raf.length(), 256 * 1024);
			byte[] bytes = new byte[chunk];
			raf.seek(raf.length() - chunk);
			raf.readFully(bytes);
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(log " + file + " unreadable: " + ex + ")";
		}
		int run = text.lastIndexOf(runMarker);
		List<String> all = text.substring(Math.max(run, 0)).lines().toList();
		String cause = all.stream().filter(Cleanup::looksLikeError).findFirst().orElse(null);
		String tail = String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		return ((cause != null) ? "First error: " + cause + "\n" : "") + "Last " + lines + " lines of " + file + ":\n"
				+ tail;
	}

	private static boolean looksLikeError(String line) {
		return line.contains("\"level\":\"error\"") || line.contains("\"level\":\"fatal\"")
				|| line.contains("\"level\":\"panic\"") || line.startsWith("flag provided but not defined")
				|| line.startsWith("invalid value");
	}

}
