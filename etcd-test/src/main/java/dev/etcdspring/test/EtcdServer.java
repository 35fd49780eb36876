package dev.etcdspring.test;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One real etcd process bound to free loopback ports: a standalone server, or a member of
 * an {@link EtcdCluster}.
 * <p>
 * Fault injection ({@link #kill()}, {@link #stop()}, {@link #pause()}, {@link #resume()},
 * {@link #restart()}) may be called from any thread while clients are running.
 * {@link #close()} kills the process and deletes its temp dir; a JVM shutdown hook closes
 * any server a test forgot.
 * <p>
 * Started {@link Builder#withTls() with TLS}, it serves clients over https only, with
 * certificates made for it ({@link #tls()}); {@link #etcdctl(String...)} and the health
 * checks use them, and a restart keeps them.
 *
 * @since 0.1.0
 */
public final class EtcdServer implements AutoCloseable {

	private final String name;

	private final int clientPort;

	private final int peerPort;

	private final Path directory;

	private final @Nullable EtcdTls tls;

	private final EtcdProcess process;

	/**
	 * A data dir of the caller's ({@link Builder#dataDir(Path)}), used instead of ours.
	 */
	private volatile @Nullable Path givenDataDir;

	EtcdServer(String name, int clientPort, int peerPort, Path directory, List<String> command, @Nullable EtcdTls tls) {
		this.name = name;
		this.clientPort = clientPort;
		this.peerPort = peerPort;
		this.directory = directory;
		this.tls = tls;
		this.process = new EtcdProcess(name, command, logFile());
		Cleanup.register(this);
	}

	/**
	 * Start a standalone server with default settings and wait until it is healthy.
	 * @return the running server
	 * @throws IllegalStateException if etcd is missing or does not become healthy
	 * @since 0.1.0
	 */
	public static EtcdServer start() {
		return builder().start();
	}

	/**
	 * Return a builder for a standalone server with extra etcd flags or TLS.
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the client URL, {@code http://127.0.0.1:<clientPort>}, or
	 * {@code https://127.0.0.1:<clientPort>} with TLS.
	 * @return the client endpoint
	 * @since 0.1.0
	 */
	public String endpoint() {
		return EtcdLauncher.clientUrl(this.clientPort, this.tls);
	}

	/**
	 * Return the certificates of a server started with TLS, and an {@code SSLContext} for
	 * its clients.
	 * @return the TLS material
	 * @throws IllegalStateException if the server serves plain http
	 * @since 0.1.0
	 */
	public EtcdTls tls() {
		EtcdTls current = this.tls;
		if (current == null) {
			throw new IllegalStateException("etcd " + this.name + " serves plain http: start it with withTls() "
					+ "or withClientCertificates() for TLS");
		}
		return current;
	}

	/**
	 * Return the port serving clients; it stays the same across restarts.
	 * @return the client port
	 * @since 0.1.0
	 */
	public int clientPort() {
		return this.clientPort;
	}

	/**
	 * Return the port serving peers; it stays the same across restarts.
	 * @return the peer port
	 * @since 0.1.0
	 */
	public int peerPort() {
		return this.peerPort;
	}

	/**
	 * Return the member name ({@code etcd-0}, {@code etcd-1}, ...).
	 * @return the member name
	 * @since 0.1.0
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the data dir, kept across restarts and deleted by {@link #close()} unless it
	 * was given to {@link Builder#dataDir(Path)}.
	 * @return the data dir
	 * @since 0.1.0
	 */
	public Path dataDir() {
		Path given = this.givenDataDir;
		return (given != null) ? given : this.directory.resolve("data");
	}

	/**
	 * Return the file receiving etcd's standard output and error, appended to on restart.
	 * @return the log file
	 * @since 0.1.0
	 */
	public Path logFile() {
		return this.directory.resolve("etcd.log");
	}

	/**
	 * Return the process id of the current (or last) etcd process.
	 * @return the process id
	 * @since 0.1.0
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Return whether the process is alive; a paused process counts as running.
	 * @return whether the process is alive
	 * @since 0.1.0
	 */
	public boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * Return whether the process is running but stopped by {@link #pause()}.
	 * @return whether the process is paused
	 * @since 0.1.0
	 */
	public boolean isPaused() {
		return this.process.isPaused();
	}

	/**
	 * Return whether {@code GET /health} reports healthy within one second.
	 * @return whether the server is healthy
	 * @since 0.1.0
	 */
	public boolean isHealthy() {
		return isRunning() && EtcdHttp.isHealthy(endpoint(), this.tls);
	}

	/**
	 * Kill the process with SIGKILL and wait until it is gone. Does nothing if it is not
	 * running.
	 * @since 0.1.0
	 */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Stop the process with SIGTERM and wait until it is gone, killing it if it does not
	 * exit within 10 seconds. Does nothing if it is not running.
	 * @since 0.1.0
	 */
	public void stop() {
		this.process.stop();
	}

	/**
	 * Freeze the process with SIGSTOP: its ports stay open but nothing answers, like a
	 * hung or partitioned member.
	 * @throws IllegalStateException if the process is not running
	 * @since 0.1.0
	 */
	public void pause() {
		this.process.pause();
	}

	/**
	 * Let a paused process continue with SIGCONT. Does nothing if it is not running.
	 * @since 0.1.0
	 */
	public void resume() {
		this.process.resume();
	}

	/**
	 * Kill the process if it is running, start it again with the same name, ports and
	 * data dir, and wait until it is healthy.
	 * @throws IllegalStateException if the server is closed or does not become healthy
	 * @since 0.1.0
	 */
	public void restart() {
		this.process.relaunch();
		EtcdLauncher.awaitHealthyOrKill(List.of(this));
	}

	/**
	 * Run {@code etcdctl} (API v3) against this server, with a 30 second timeout; with
	 * TLS, it trusts the CA and presents the client certificate.
	 * @param args the etcdctl arguments, for example {@code "get", "key"}
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(String... args) {
		return Etcdctl.run(List.of(endpoint()), this.tls, null, args);
	}

	/**
	 * Run {@code etcdctl} (API v3) against this server with the given standard input, for
	 * example {@code etcdctl(value, "put", "key")} to store a binary value.
	 * @param stdin the bytes to write to standard input
	 * @param args the etcdctl arguments
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(byte[] stdin, String... args) {
		return Etcdctl.run(List.of(endpoint()), this.tls, stdin, args);
	}

	/**
	 * Kill the process and its descendants and delete the temp dir. Idempotent; never
	 * throws.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		if (!this.process.close()) {
			return;
		}
		Cleanup.deleteRecursively(this.directory);
		Cleanup.unregister(this);
	}

	@Override
	public String toString() {
		Long pid = this.process.pidOrNull();
		return "EtcdServer[" + this.name + ", " + endpoint() + ", pid " + ((pid != null) ? pid : "-") + "]";
	}

	void launch() {
		this.process.launch();
	}

	@Nullable EtcdTls tlsOrNull() {
		return this.tls;
	}

	String exitCode() {
		return this.process.exitCode();
	}

	boolean lostPortRace() {
		return this.process.lostPortRace();
	}

	IllegalStateException failure(String problem) {
		return new IllegalStateException(
				"etcd " + this.name + " (" + endpoint() + ") " + problem + "; " + this.process.describe());
	}

	/**
	 * Builder for a standalone {@link EtcdServer}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends EtcdLaunchBuilder<Builder, EtcdServer> {

		private @Nullable Path dataDir;

		private Builder() {
		}

		/**
		 * Run on an existing data dir instead of an empty one of its own, for example one
		 * that {@code etcdctl snapshot restore} wrote. The dir stays the caller's:
		 * {@link EtcdServer#close()} leaves it.
		 * @param dataDir the data dir
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder dataDir(Path dataDir) {
			if (dataDir == null) {
				throw new IllegalArgumentException("dataDir must not be null");
			}
			this.dataDir = dataDir;
			return this;
		}

		@Override
		public EtcdServer start() {
			Path given = this.dataDir;
			if (given == null) {
				return launch(1).get(0);
			}
			// etcd takes the last --data-dir it is given: this one, after the launcher's
			arg("--data-dir", given.toString());
			EtcdServer server = launch(1).get(0);
			server.givenDataDir = given;
			return server;
		}

	}

}
