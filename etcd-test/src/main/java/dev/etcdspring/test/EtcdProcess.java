package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The operating system process behind one {@link EtcdServer}, across restarts: launched
 * with its output appended to a log file, killed, stopped, paused and resumed. Every
 * change of state holds this object's monitor, so that fault injection from several
 * threads never interleaves.
 */
final class EtcdProcess {

	private static final int LOG_TAIL_LINES = 40;

	private static final String RUN_MARKER = "---- etcd-test: starting ";

	private static final long EXIT_TIMEOUT_SECONDS = 10;

	private final String name;

	private final List<String> command;

	private final Path logFile;

	private volatile @Nullable Process process;

	private volatile boolean paused;

	private boolean closed;

	EtcdProcess(String name, List<String> command, Path logFile) {
		this.name = name;
		this.command = List.copyOf(command);
		this.logFile = logFile;
	}

	synchronized void launch() {
		if (this.closed) {
			throw new IllegalStateException("etcd " + this.name + " is closed");
		}
		try {
			Files.writeString(this.logFile, RUN_MARKER + this.name + " at " + Instant.now() + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			// A file, never a pipe: nobody drains a pipe, and a full one would block
			// etcd.
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
			prepareEnvironment(builder.environment());
			Process started = builder.start();
			started.getOutputStream().close();
			this.process = started;
			this.paused = false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.command, ex);
		}
	}

	/**
	 * Kill and launch again as one step, so that no other thread's fault sees the gap.
	 */
	synchronized void relaunch() {
		kill();
		launch();
	}

	synchronized void kill() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.descendants().forEach(ProcessHandle::destroyForcibly);
			current.destroyForcibly();
			awaitExit(current);
		}
		this.paused = false;
	}

	synchronized void stop() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		current.destroy();
		if (this.paused) {
			// A stopped process only acts on SIGTERM once it runs again.
			signal("CONT");
		}
		try {
			if (!current.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for etcd " + this.name + " to stop", ex);
		}
		finally {
			this.paused = false;
		}
	}

	synchronized void pause() {
		if (!isRunning()) {
			throw new IllegalStateException("etcd " + this.name + " is not running");
		}
		signal("STOP");
		this.paused = true;
		Signals.awaitStopped(pid());
	}

	synchronized void resume() {
		if (isRunning()) {
			signal("CONT");
		}
		this.paused = false;
	}

	/**
	 * Kill for good: no later launch. Never throws, so that closing never hides a test's
	 * own outcome.
	 * @return whether this call closed it, {@code false} if it was closed already
	 */
	synchronized boolean close() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		try {
			kill();
		}
		catch (RuntimeException ex) {
			// Still let the caller delete what it can.
		}
		return true;
	}

	long pid() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException("etcd " + this.name + " was never started");
		}
		return current.pid();
	}

	@Nullable Long pidOrNull() {
		Process current = this.process;
		return (current != null) ? current.pid() : null;
	}

	boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	boolean isPaused() {
		return this.paused && isRunning();
	}

	String exitCode() {
		Process current = this.process;
		return (current != null && !current.isAlive()) ? Integer.toString(current.exitValue()) : "-";
	}

	boolean lostPortRace() {
		return this.process != null && !isRunning() && describeLog().contains("address already in use");
	}

	/**
	 * Describe the command and the end of the latest run's log, for a failure message.
	 */
	String describe() {
		return "command: " + String.join(" ", this.command) + "\n" + describeLog();
	}

	private String describeLog() {
		return Cleanup.describeLog(this.logFile, LOG_TAIL_LINES, RUN_MARKER);
	}

	private void awaitExit(Process current) {
		try {
			if (!current.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("etcd " + this.name + " (pid " + current.pid() + ") is still alive "
						+ EXIT_TIMEOUT_SECONDS + " s after SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for etcd " + this.name + " to exit", ex);
		}
	}

	private void signal(String signal) {
		Signals.send(pid(), signal, this.name);
	}

	/**
	 * Keep only the environment etcd should see: etcd maps {@code ETCD_*} variables to
	 * flags and refuses to start when one shadows a command-line flag.
	 */
	static void prepareEnvironment(Map<String, String> environment) {
		environment.keySet().removeIf((name) -> name.startsWith("ETCD_") && !name.equals("ETCD_UNSUPPORTED_ARCH"));
		// etcd 3.4 treats arm64 as unsupported and refuses to run without this opt-in.
		if ("aarch64".equals(System.getProperty("os.arch"))) {
			environment.putIfAbsent("ETCD_UNSUPPORTED_ARCH", "arm64");
		}
	}

}
