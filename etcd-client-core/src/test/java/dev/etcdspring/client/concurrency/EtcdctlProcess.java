package dev.etcdspring.client.concurrency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.etcdspring.test.EtcdBinary;

import static org.awaitility.Awaitility.await;

/**
 * A long-running {@code etcdctl} ({@code lock NAME}, {@code elect NAME VALUE},
 * {@code elect -l NAME}) whose output lines are collected as they come. Closing it stops
 * the process with SIGTERM, as Ctrl-C would (etcdctl then releases its lock or resigns),
 * and kills it if it does not end.
 */
public final class EtcdctlProcess implements AutoCloseable {

	private final String description;

	private final Process process;

	private final List<String> stdout = new CopyOnWriteArrayList<>();

	private final List<String> stderr = new CopyOnWriteArrayList<>();

	private EtcdctlProcess(String description, Process process) {
		this.description = description;
		this.process = process;
		pump(process.getInputStream(), this.stdout, "stdout");
		pump(process.getErrorStream(), this.stderr, "stderr");
	}

	public static EtcdctlProcess start(List<String> endpoints, String... args) {
		List<String> command = new ArrayList<>();
		command.add(EtcdBinary.etcdctl().toString());
		command.add("--endpoints=" + String.join(",", endpoints));
		command.addAll(Arrays.asList(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		// ETCDCTL_ENDPOINTS and friends from the developer's shell would fight our flags
		builder.environment().keySet().removeIf((name) -> name.startsWith("ETCDCTL_"));
		builder.environment().put("ETCDCTL_API", "3");
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			return new EtcdctlProcess("etcdctl " + String.join(" ", args), process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Wait for a line of standard output.
	 * @return the first line that matches
	 */
	public String awaitLine(Predicate<String> matching, Duration timeout) {
		await().atMost(timeout)
			.alias(this.description + " printing the line expected; " + this)
			.until(() -> this.stdout.stream().anyMatch(matching));
		return this.stdout.stream().filter(matching).findFirst().orElseThrow();
	}

	public List<String> stdout() {
		return List.copyOf(this.stdout);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void pump(InputStream stream, List<String> lines, String name) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "etcdctl-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public String toString() {
		return this.description + " (alive=" + this.process.isAlive() + ", stdout=" + this.stdout + ", stderr="
				+ this.stderr + ")";
	}

}
