package dev.etcdspring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.etcdspring.test.EtcdBinary;
import dev.etcdspring.test.EtcdctlResult;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * An etcd process serving clients over TLS only, with client certificate authentication:
 * etcd-test's {@code EtcdServer} listens and health-checks over plain http. Killed and
 * its data deleted by {@link #close()}, or by a shutdown hook when a test forgets.
 */
final class TlsEtcdServer implements AutoCloseable {

	private static final int ATTEMPTS = 3;

	private final Path directory;

	private final Path ca;

	private final Path clientCertificate;

	private final Path clientKey;

	private final int clientPort;

	private final Process process;

	private final Thread shutdownHook;

	private TlsEtcdServer(Path directory, TestCertificates certificates, int clientPort, Process process) {
		this.directory = directory;
		this.ca = certificates.caCertificate();
		this.clientCertificate = certificates.certificate("client");
		this.clientKey = certificates.key("client");
		this.clientPort = clientPort;
		this.process = process;
		this.shutdownHook = new Thread(this::kill, "tls-etcd-cleanup");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Start etcd with {@code certificates}' server certificate (which must be signed as
	 * "server"), trusting client certificates that the same CA signed, and wait until it
	 * is healthy.
	 * @param certificates the CA, with "server" and "client" certificates signed
	 * @return the running server
	 */
	static TlsEtcdServer start(TestCertificates certificates) {
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Path directory = createTempDirectory();
			int[] ports = freePorts();
			TlsEtcdServer server = null;
			try {
				server = new TlsEtcdServer(directory, certificates, ports[0], launch(directory, certificates, ports));
				server.awaitHealthy();
				return server;
			}
			catch (IllegalStateException ex) {
				failure = ex;
				if (server != null) {
					server.close();
				}
				else {
					deleteRecursively(directory);
				}
			}
		}
		throw failure;
	}

	/**
	 * Return the client URL.
	 * @return {@code https://127.0.0.1:<port>}
	 */
	String endpoint() {
		return "https://127.0.0.1:" + this.clientPort;
	}

	/**
	 * Run etcdctl over TLS, with the client certificate.
	 * @param args the etcdctl arguments
	 * @return the result
	 */
	EtcdctlResult etcdctl(String... args) {
		List<String> command = new ArrayList<>(List.of(EtcdBinary.etcdctl().toString(), "--endpoints=" + endpoint(),
				"--cacert=" + this.ca, "--cert=" + this.clientCertificate, "--key=" + this.clientKey,
				"--dial-timeout=2s", "--command-timeout=5s"));
		command.addAll(Arrays.asList(args));
		try {
			Path out = Files.createTempFile(this.directory, "etcdctl-", ".out");
			Path err = Files.createTempFile(this.directory, "etcdctl-", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("ETCDCTL_"));
			builder.environment().put("ETCDCTL_API", "3");
			Process etcdctl = builder.start();
			etcdctl.getOutputStream().close();
			if (!etcdctl.waitFor(30, TimeUnit.SECONDS)) {
				etcdctl.destroyForcibly();
				throw new IllegalStateException("etcdctl did not finish within 30 s: " + command);
			}
			EtcdctlResult result = new EtcdctlResult(etcdctl.exitValue(), Files.readAllBytes(out),
					Files.readString(err, StandardCharsets.UTF_8));
			Files.delete(out);
			Files.delete(err);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
		deleteRecursively(this.directory);
	}

	private void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitHealthy() {
		try {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"etcd exited with code " + this.process.exitValue() + ":\n" + log());
				}
				return etcdctl("endpoint", "health").isSuccess();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("etcd over TLS did not become healthy within 30 s:\n" + log(), ex);
		}
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("etcd.log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static Process launch(Path directory, TestCertificates certificates, int[] ports) {
		String client = "https://127.0.0.1:" + ports[0];
		String peer = "http://127.0.0.1:" + ports[1];
		List<String> command = List.of(EtcdBinary.etcd().toString(), "--name", "tls", "--data-dir",
				directory.resolve("data").toString(), "--listen-client-urls", client, "--advertise-client-urls", client,
				"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "tls=" + peer,
				"--cert-file", certificates.certificate("server").toString(), "--key-file",
				certificates.key("server").toString(), "--client-cert-auth", "--trusted-ca-file",
				certificates.caCertificate().toString(), "--logger", "zap", "--log-outputs", "stderr");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("etcd.log").toFile());
			// etcd maps ETCD_* variables to flags and refuses those that shadow ours
			builder.environment()
				.keySet()
				.removeIf((name) -> name.startsWith("ETCD_") && !name.equals("ETCD_UNSUPPORTED_ARCH"));
			if ("aarch64".equals(System.getProperty("os.arch"))) {
				builder.environment().putIfAbsent("ETCD_UNSUPPORTED_ARCH", "arm64");
			}
			Process process = builder.start();
			process.getOutputStream().close();
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("tls-etcd-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int[] freePorts() {
		try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ServerSocket two = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new int[] { one.getLocalPort(), two.getLocalPort() };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: the directory is in the temp dir
		}
	}

}
