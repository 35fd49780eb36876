package dev.etcdspring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, made with {@code openssl} in a directory, that signs server
 * and client certificates for TLS tests. Keys are EC P-256 in PKCS#8 PEM, which both etcd
 * and Spring Boot's PEM SSL bundles read.
 */
final class TestCertificates {

	private final Path directory;

	private final String name;

	private TestCertificates(Path directory, String name) {
		this.directory = directory;
		this.name = name;
	}

	/**
	 * Create a CA in {@code directory}.
	 * @param directory where the files go
	 * @param name the CA's file name prefix and common name
	 * @return the CA
	 */
	static TestCertificates createAuthority(Path directory, String name) {
		TestCertificates authority = new TestCertificates(directory, name);
		Path key = authority.key(name);
		generateKey(directory, key);
		openssl(directory, "req", "-x509", "-new", "-key", key.toString(), "-sha256", "-days", "2", "-subj",
				"/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
				"keyUsage=critical,keyCertSign,cRLSign", "-out", authority.certificate(name).toString());
		return authority;
	}

	/**
	 * Return the CA's certificate.
	 * @return the PEM file
	 */
	Path caCertificate() {
		return certificate(this.name);
	}

	/**
	 * Sign a server certificate for 127.0.0.1 and localhost.
	 * @param fileName the file name prefix
	 */
	void signServer(String fileName) {
		// clientAuth too: etcd's gateway dials its own gRPC server with this certificate,
		// which --client-cert-auth then checks like any client's
		sign(fileName, "127.0.0.1",
				"subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n"
						+ "keyUsage=critical,digitalSignature\n");
	}

	/**
	 * Sign a client certificate.
	 * @param fileName the file name prefix, also the common name
	 */
	void signClient(String fileName) {
		sign(fileName, fileName, "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
	}

	/**
	 * Return the certificate {@code fileName}.pem.
	 * @param fileName the file name prefix
	 * @return the PEM file
	 */
	Path certificate(String fileName) {
		return this.directory.resolve(fileName + ".pem");
	}

	/**
	 * Return the private key {@code fileName}-key.pem.
	 * @param fileName the file name prefix
	 * @return the PEM file
	 */
	Path key(String fileName) {
		return this.directory.resolve(fileName + "-key.pem");
	}

	private void sign(String fileName, String commonName, String extensions) {
		try {
			Path key = key(fileName);
			Path request = this.directory.resolve(fileName + ".csr");
			Path extensionFile = this.directory.resolve(fileName + ".ext");
			Files.writeString(extensionFile, extensions);
			generateKey(this.directory, key);
			openssl(this.directory, "req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out",
					request.toString());
			openssl(this.directory, "x509", "-req", "-in", request.toString(), "-CA", caCertificate().toString(),
					"-CAkey", key(this.name).toString(), "-CAcreateserial", "-sha256", "-days", "2", "-extfile",
					extensionFile.toString(), "-out", certificate(fileName).toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void generateKey(Path directory, Path key) {
		openssl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
				key.toString());
	}

	private static void openssl(Path directory, String... args) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(Arrays.asList(args));
		try {
			Path output = Files.createTempFile(directory, "openssl-", ".log");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("openssl did not finish within 30 s: " + command);
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
	}

}
