package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals that {@link ProcessHandle} cannot: it only terminates, while fault
 * tests also need SIGSTOP and SIGCONT.
 */
final class Signals {

	private static final long TIMEOUT_SECONDS = 10;

	private Signals() {
	}

	static void send(long pid, String signal, String target) {
		List<String> command = List.of(killCommand(), "-" + signal, Long.toString(pid));
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				kill.destroyForcibly();
				throw new IllegalStateException("Could not send SIG" + signal + " to etcd " + target + " (pid " + pid
						+ ") with " + command.get(0));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal + " to etcd " + target, ex);
		}
	}

	private static String killCommand() {
		for (String candidate : List.of("/bin/kill", "/usr/bin/kill")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return "kill";
	}

	/**
	 * SIGSTOP is delivered asynchronously; on Linux, wait until /proc shows the process
	 * stopped so that the caller's next request reliably meets a frozen server.
	 */
	static void awaitStopped(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (Files.isReadable(stat) && System.nanoTime() - deadline < 0) {
			try {
				String content = Files.readString(stat, StandardCharsets.ISO_8859_1);
				// The state follows the command name, which is in parentheses and may
				// contain
				// spaces.
				int end = content.lastIndexOf(')');
				if (end < 0 || end + 2 >= content.length() || content.charAt(end + 2) == 'T') {
					return;
				}
			}
			catch (IOException ex) {
				return;
			}
			EtcdLauncher.sleep(Duration.ofMillis(5));
		}
	}

}
