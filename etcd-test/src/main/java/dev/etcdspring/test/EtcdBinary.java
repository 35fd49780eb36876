package dev.etcdspring.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Locates the {@code etcd} and {@code etcdctl} executables.
 * <p>
 * {@code etcd} is looked up from the system property {@code etcd.binary}, the environment
 * variable {@code ETCD_BINARY}, the {@code PATH} and finally {@code /usr/bin/etcd}.
 * {@code etcdctl} is looked up from the system property {@code etcdctl.binary}, the
 * environment variable {@code ETCDCTL_BINARY}, the directory of the {@code etcd} binary,
 * the {@code PATH} and finally {@code /usr/bin/etcdctl}.
 *
 * @since 0.1.0
 */
public final class EtcdBinary {

	private EtcdBinary() {
	}

	/**
	 * Return the {@code etcd} executable.
	 * @return the path of an executable {@code etcd}
	 * @throws IllegalStateException if no executable is found
	 * @since 0.1.0
	 */
	public static Path etcd() {
		Path found = locate("etcd", "etcd.binary", "ETCD_BINARY", null);
		if (found == null) {
			throw new IllegalStateException("No etcd binary found: install it with 'apt-get install etcd-server', "
					+ "or point the ETCD_BINARY environment variable (or the etcd.binary system property) at it");
		}
		return found;
	}

	/**
	 * Return the {@code etcdctl} executable.
	 * @return the path of an executable {@code etcdctl}
	 * @throws IllegalStateException if no executable is found
	 * @since 0.1.0
	 */
	public static Path etcdctl() {
		Path found = locate("etcdctl", "etcdctl.binary", "ETCDCTL_BINARY", siblingOfEtcd());
		if (found == null) {
			throw new IllegalStateException("No etcdctl binary found: install it with 'apt-get install etcd-client', "
					+ "or point the ETCDCTL_BINARY environment variable (or the etcdctl.binary system property) at it");
		}
		return found;
	}

	private static @Nullable Path siblingOfEtcd() {
		try {
			Path parent = etcd().toAbsolutePath().getParent();
			return (parent != null) ? parent.resolve("etcdctl") : null;
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	private static @Nullable Path locate(String name, String property, String variable, @Nullable Path sibling) {
		String configured = System.getProperty(property);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv(variable);
		}
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured.trim());
			// An explicit setting that points nowhere is a mistake worth reporting, not a
			// reason to silently run some other etcd from the PATH.
			if (!Files.isExecutable(path)) {
				throw new IllegalStateException(property + " / " + variable + " is set to '" + configured
						+ "', which is not an executable file");
			}
			return path;
		}
		if (sibling != null && Files.isExecutable(sibling)) {
			return sibling;
		}
		String pathVariable = System.getenv("PATH");
		if (pathVariable != null) {
			for (String directory : pathVariable.split(File.pathSeparator)) {
				if (!directory.isEmpty()) {
					Path candidate = Path.of(directory, name);
					if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
						return candidate;
					}
				}
			}
		}
		Path fallback = Path.of("/usr/bin", name);
		return Files.isExecutable(fallback) ? fallback : null;
	}

}
