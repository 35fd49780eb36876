package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Starts the members of a new cluster (one member for a standalone server) and waits
 * until they are healthy.
 */
final class EtcdLauncher {

	static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	static final String HOST = "127.0.0.1";

	// A port found free may be taken by someone else before etcd binds it; a few attempts
	// with fresh ports make that race practically invisible.
	private static final int ATTEMPTS = 3;

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private EtcdLauncher() {
	}

	static List<EtcdServer> start(int count, List<String> extraArgs, EtcdTls.Mode tls) {
		return start(count, extraArgs, tls, EtcdLauncher::freePorts);
	}

	static List<EtcdServer> start(int count, List<String> extraArgs, EtcdTls.Mode tls, IntFunction<int[]> portFinder) {
		if (count < 1) {
			throw new IllegalArgumentException("A cluster needs at least one member, not " + count);
		}
		String etcd = EtcdBinary.etcd().toString();
		for (int attempt = 1;; attempt++) {
			List<EtcdServer> servers = new ArrayList<>();
			try {
				create(etcd, count, extraArgs, tls, portFinder.apply(2 * count), servers);
				// Start every process before waiting: no member is healthy without a
				// quorum.
				servers.forEach(EtcdServer::launch);
				awaitHealthy(servers);
				return servers;
			}
			catch (RuntimeException ex) {
				boolean lostPortRace = servers.stream().anyMatch(EtcdServer::lostPortRace);
				servers.forEach(EtcdServer::close);
				if (!lostPortRace || attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static void create(String etcd, int count, List<String> extraArgs, EtcdTls.Mode mode, int[] ports,
			List<EtcdServer> servers) {
		String token = "etcd-test-" + UUID.randomUUID();
		StringBuilder initialCluster = new StringBuilder();
		for (int i = 0; i < count; i++) {
			initialCluster.append((i > 0) ? "," : "").append(name(i)).append('=').append(peerUrl(ports[2 * i + 1]));
		}
		for (int i = 0; i < count; i++) {
			String name = name(i);
			int clientPort = ports[2 * i];
			int peerPort = ports[2 * i + 1];
			Path directory = createTempDirectory(name);
			EtcdTls tls = tls(mode, directory, servers.isEmpty() ? null : servers.get(0).tlsOrNull());
			String clientUrl = clientUrl(clientPort, tls);
			List<String> command = new ArrayList<>(List.of(etcd, "--name", name, "--data-dir",
					directory.resolve("data").toString(), "--listen-client-urls", clientUrl, "--advertise-client-urls",
					clientUrl, "--listen-peer-urls", peerUrl(peerPort), "--initial-advertise-peer-urls",
					peerUrl(peerPort), "--initial-cluster", initialCluster.toString(), "--initial-cluster-state", "new",
					"--initial-cluster-token", token, "--logger", "zap", "--log-outputs", "stderr"));
			if (tls != null) {
				command.addAll(tls.etcdArgs());
			}
			command.addAll(extraArgs);
			servers.add(new EtcdServer(name, clientPort, peerPort, directory, command, tls));
		}
	}

	/**
	 * Make the first member's certificates, or copy them for the others: one CA for the
	 * cluster, so that one client trusts every member. A failure removes the directory,
	 * which no server owns yet.
	 */
	private static @Nullable EtcdTls tls(EtcdTls.Mode mode, Path directory, @Nullable EtcdTls first) {
		if (mode == EtcdTls.Mode.OFF) {
			return null;
		}
		try {
			Path target = directory.resolve("tls");
			return (first != null) ? first.copyTo(target)
					: EtcdTls.generate(target, mode == EtcdTls.Mode.CLIENT_CERTIFICATES);
		}
		catch (RuntimeException ex) {
			Cleanup.deleteRecursively(directory);
			throw ex;
		}
	}

	private static String name(int index) {
		return "etcd-" + index;
	}

	static String clientUrl(int port, @Nullable EtcdTls tls) {
		return ((tls != null) ? "https://" : "http://") + HOST + ":" + port;
	}

	static String peerUrl(int port) {
		return "http://" + HOST + ":" + port;
	}

	private static Path createTempDirectory(String name) {
		try {
			return Files.createTempDirectory("etcd-test-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temp dir for etcd", ex);
		}
	}

	/**
	 * Find free loopback ports, holding all sockets open until every port is known so
	 * that one call never hands out the same port twice.
	 */
	static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find free loopback ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Nothing useful to do; the port is ours to hand out either way.
				}
			}
		}
	}

	/**
	 * Wait until every server answers {@code /health} with true; fail fast when one
	 * exits.
	 */
	static void awaitHealthy(List<EtcdServer> servers) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		List<EtcdServer> pending = new ArrayList<>(servers);
		while (true) {
			for (EtcdServer server : servers) {
				if (!server.isRunning()) {
					throw server.failure("exited with code " + server.exitCode() + " before becoming healthy");
				}
			}
			pending.removeIf(EtcdServer::isHealthy);
			if (pending.isEmpty()) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				throw pending.get(0).failure("did not become healthy within " + START_TIMEOUT.toSeconds() + " s");
			}
			sleep(POLL_INTERVAL);
		}
	}

	/**
	 * Like {@link #awaitHealthy(List)}, but a failed restart leaves no half-started
	 * process behind; the data dirs stay for the next attempt.
	 */
	static void awaitHealthyOrKill(List<EtcdServer> servers) {
		try {
			awaitHealthy(servers);
		}
		catch (RuntimeException ex) {
			servers.forEach(EtcdServer::kill);
			throw ex;
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for etcd", ex);
		}
	}

}
