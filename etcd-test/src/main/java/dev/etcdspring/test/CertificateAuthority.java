package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority for tests, made with {@code openssl} in a directory, that signs
 * server and client certificates. Keys are EC P-256 in PKCS#8 PEM, which etcd, the JDK
 * (see {@link EtcdTls}) and Spring Boot's PEM SSL bundles all read.
 * <p>
 * A TLS {@link EtcdServer} has one already ({@link EtcdTls#authority()}); create another
 * to test that a client or a server is refused when the other side does not trust it:
 * <pre class="code">
 * CertificateAuthority stranger = CertificateAuthority.create(tempDir, "stranger-ca");
 * IssuedCertificate client = stranger.signClient("intruder");
 * </pre> Needs the {@code openssl} command (1.1.1 or later) on the {@code PATH}.
 *
 * @since 0.1.0
 */
public final class CertificateAuthority {

	// Certificates only live as long as a test's temp dir; a week covers any debugging
	// session without a clock-skew worry.
	private static final String DAYS = "7";

	private static final long OPENSSL_TIMEOUT_SECONDS = 30;

	private static final SecureRandom SERIALS = new SecureRandom();

	private final Path directory;

	private final String name;

	CertificateAuthority(Path directory, String name) {
		this.directory = directory;
		this.name = name;
	}

	/**
	 * Create a CA: its key and self-signed certificate, {@code <name>-key.pem} and
	 * {@code <name>.pem} in {@code directory}, created if missing.
	 * @param directory where the files go, and those of the certificates it signs
	 * @param name the file name prefix and common name of the CA
	 * @return the CA
	 * @throws IllegalArgumentException if the files exist already
	 * @throws IllegalStateException if {@code openssl} is missing or fails
	 * @since 0.1.0
	 */
	public static CertificateAuthority create(Path directory, String name) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + directory, ex);
		}
		CertificateAuthority authority = new CertificateAuthority(directory, name);
		Path key = authority.keyFile(name);
		authority.checkFree(name);
		generateKey(directory, key);
		openssl(directory, "req", "-x509", "-new", "-key", key.toString(), "-sha256", "-days", DAYS, "-subj",
				"/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
				"keyUsage=critical,keyCertSign,cRLSign", "-out", authority.certificate().toString());
		return authority;
	}

	/**
	 * Return the CA's certificate: the trust anchor for the certificates it signs.
	 * @return the PEM file
	 * @since 0.1.0
	 */
	public Path certificate() {
		return certificateFile(this.name);
	}

	/**
	 * Sign a server certificate valid for {@code 127.0.0.1} and {@code localhost}, the
	 * names a client of a local etcd checks. It is good for client authentication too:
	 * etcd's gateway presents its server certificate to its own gRPC server, which checks
	 * it like any client's when client certificates are required.
	 * @param fileName the file name prefix: {@code <fileName>.pem} and
	 * {@code <fileName>-key.pem}
	 * @return the certificate and its key
	 * @throws IllegalArgumentException if the files exist already
	 * @throws IllegalStateException if {@code openssl} fails
	 * @since 0.1.0
	 */
	public IssuedCertificate signServer(String fileName) {
		return sign(fileName, "127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
				+ "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n");
	}

	/**
	 * Sign a client certificate. etcd takes its common name as the user name when
	 * authentication is enabled.
	 * @param fileName the file name prefix ({@code <fileName>.pem} and
	 * {@code <fileName>-key.pem}), also the common name
	 * @return the certificate and its key
	 * @throws IllegalArgumentException if the files exist already
	 * @throws IllegalStateException if {@code openssl} fails
	 * @since 0.1.0
	 */
	public IssuedCertificate signClient(String fileName) {
		return sign(fileName, fileName, "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
	}

	@Override
	public String toString() {
		return "CertificateAuthority[" + this.name + ", " + this.directory + "]";
	}

	private IssuedCertificate sign(String fileName, String commonName, String extensions) {
		checkFree(fileName);
		Path key = keyFile(fileName);
		Path request = this.directory.resolve(fileName + ".csr");
		Path extensionFile = this.directory.resolve(fileName + ".ext");
		try {
			Files.writeString(extensionFile, extensions);
			generateKey(this.directory, key);
			openssl(this.directory, "req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out",
					request.toString());
			// A random serial rather than -CAcreateserial: no serial file to leave
			// behind,
			// and two certificates of one CA never share a serial.
			openssl(this.directory, "x509", "-req", "-in", request.toString(), "-CA", certificate().toString(),
					"-CAkey", keyFile(this.name).toString(), "-set_serial", new BigInteger(63, SERIALS).toString(),
					"-sha256", "-days", DAYS, "-extfile", extensionFile.toString(), "-out",
					certificateFile(fileName).toString());
			return new IssuedCertificate(certificateFile(fileName), key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + extensionFile, ex);
		}
		finally {
			Cleanup.deleteRecursively(request);
			Cleanup.deleteRecursively(extensionFile);
		}
	}

	/**
	 * Refuse to overwrite: a new key under an old name would silently change what a
	 * running etcd or a built {@code SSLContext} was given, such as a server's own
	 * {@code server} and {@code client} files.
	 */
	private void checkFree(String fileName) {
		for (Path file : List.of(certificateFile(fileName), keyFile(fileName))) {
			if (Files.exists(file)) {
				throw new IllegalArgumentException(file + " exists already: choose another file name");
			}
		}
	}

	private Path certificateFile(String fileName) {
		return this.directory.resolve(fileName + ".pem");
	}

	private Path keyFile(String fileName) {
		return this.directory.resolve(fileName + "-key.pem");
	}

	private static void generateKey(Path directory, Path key) {
		openssl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
				key.toString());
	}

	private static void openssl(Path directory, String... args) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(Arrays.asList(args));
		Path output = null;
		try {
			// A file, never a pipe: nobody drains a pipe while waiting for the process.
			output = Files.createTempFile(directory, "openssl-", ".log");
			Process process = startOpenssl(command, directory, output);
			process.getOutputStream().close();
			if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"openssl did not finish within " + OPENSSL_TIMEOUT_SECONDS + " s: " + command);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("openssl failed with exit code " + process.exitValue() + ": " + command
						+ "\n" + Files.readString(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
		finally {
			if (output != null) {
				Cleanup.deleteRecursively(output);
			}
		}
	}

	private static Process startOpenssl(List<String> command, Path directory, Path output) {
		try {
			return new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run openssl, which makes the test certificates: install it "
					+ "with 'apt-get install openssl' (or put it on the PATH)", ex);
		}
	}

}
