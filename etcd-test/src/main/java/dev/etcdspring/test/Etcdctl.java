package dev.etcdspring.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs {@code etcdctl} (API v3) against a list of endpoints, over TLS with the client
 * certificate when the servers serve https.
 */
final class Etcdctl {

	private static final long TIMEOUT_SECONDS = 30;

	private Etcdctl() {
	}

	static EtcdctlResult run(List<String> endpoints, @Nullable EtcdTls tls, byte @Nullable [] stdin, String... args) {
		List<String> command = new ArrayList<>();
		command.add(EtcdBinary.etcdctl().toString());
		command.add("--endpoints=" + String.join(",", endpoints));
		if (tls != null) {
			command.addAll(tls.etcdctlArgs());
		}
		command.addAll(Arrays.asList(args));
		Path out = null;
		Path err = null;
		try {
			// Files rather than pipes: output can never fill a buffer and block the
			// process.
			out = Files.createTempFile("etcd-test-etcdctl-", ".out");
			err = Files.createTempFile("etcd-test-etcdctl-", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile());
			Map<String, String> environment = builder.environment();
			// ETCDCTL_ENDPOINTS and friends from the developer's shell would fight our
			// flags.
			environment.keySet().removeIf((name) -> name.startsWith("ETCDCTL_"));
			environment.put("ETCDCTL_API", "3");
			Process process = builder.start();
			writeStdin(process, stdin);
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"etcdctl " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS
								+ " s; stderr so far: " + new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
			}
			return new EtcdctlResult(process.exitValue(), Files.readAllBytes(out),
					new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
		finally {
			deleteQuietly(out);
			deleteQuietly(err);
		}
	}

	private static void writeStdin(Process process, byte @Nullable [] stdin) {
		// Always close stdin: etcdctl reads a missing value from it and must see EOF.
		try (OutputStream input = process.getOutputStream()) {
			if (stdin != null) {
				input.write(stdin);
			}
		}
		catch (IOException ex) {
			// etcdctl exited without reading everything; its exit code tells the story.
		}
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			Cleanup.deleteRecursively(file);
		}
	}

}
