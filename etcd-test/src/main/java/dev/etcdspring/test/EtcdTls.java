package dev.etcdspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The TLS material of an etcd server or cluster started with TLS ({@code withTls()} or
 * {@code withClientCertificates()} on {@link EtcdServer#builder()},
 * {@link EtcdCluster#builder(int)} or {@link EtcdServerExtension}).
 * <p>
 * The certificates are made when etcd starts, in its temp dir, and deleted with it: a CA,
 * a server certificate for {@code 127.0.0.1} and {@code localhost}, and a client
 * certificate (common name {@code client}), as PEM files with PKCS#8 EC keys. Every
 * member of a cluster has the same ones, and a restart keeps them. A client connects with
 * {@link #sslContext()}, or with {@link #caCertificate()}, {@link #clientCertificate()}
 * and {@link #clientKey()} for tools that read files (Spring Boot's PEM SSL bundles,
 * {@code etcdctl --cacert --cert --key}).
 *
 * @since 0.1.0
 */
public final class EtcdTls {

	private static final String CA = "ca";

	private static final String SERVER = "server";

	private static final String CLIENT = "client";

	private final Path directory;

	private final boolean clientCertificatesRequired;

	private @Nullable SSLContext sslContext;

	private @Nullable HttpClient probeClient;

	private EtcdTls(Path directory, boolean clientCertificatesRequired) {
		this.directory = directory;
		this.clientCertificatesRequired = clientCertificatesRequired;
	}

	/**
	 * Make a CA, a server and a client certificate in {@code directory}.
	 */
	static EtcdTls generate(Path directory, boolean clientCertificatesRequired) {
		CertificateAuthority authority = CertificateAuthority.create(directory, CA);
		authority.signServer(SERVER);
		authority.signClient(CLIENT);
		return new EtcdTls(directory, clientCertificatesRequired);
	}

	/**
	 * Copy the files into another member's directory, so that each member owns what its
	 * command line names and closing one member never pulls them from under another.
	 */
	EtcdTls copyTo(Path target) {
		try {
			Files.createDirectories(target);
			for (String name : List.of(CA, SERVER, CLIENT)) {
				Files.copy(this.directory.resolve(name + ".pem"), target.resolve(name + ".pem"));
				Files.copy(this.directory.resolve(name + "-key.pem"), target.resolve(name + "-key.pem"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy the test certificates to " + target, ex);
		}
		return new EtcdTls(target, this.clientCertificatesRequired);
	}

	/**
	 * Return the CA certificate that signed the server and client certificates: what a
	 * client trusts.
	 * @return the PEM file
	 * @since 0.1.0
	 */
	public Path caCertificate() {
		return this.directory.resolve(CA + ".pem");
	}

	/**
	 * Return the client certificate, which etcd accepts when it requires client
	 * certificates.
	 * @return the PEM file
	 * @since 0.1.0
	 */
	public Path clientCertificate() {
		return this.directory.resolve(CLIENT + ".pem");
	}

	/**
	 * Return the private key of {@link #clientCertificate()}.
	 * @return the PEM file, PKCS#8
	 * @since 0.1.0
	 */
	public Path clientKey() {
		return this.directory.resolve(CLIENT + "-key.pem");
	}

	/**
	 * Return whether etcd requires a client certificate signed by the CA
	 * ({@code --client-cert-auth}), or serves any client that trusts it.
	 * @return whether client certificates are required
	 * @since 0.1.0
	 */
	public boolean clientCertificatesRequired() {
		return this.clientCertificatesRequired;
	}

	/**
	 * Return the CA, to sign more client certificates that etcd accepts: with
	 * authentication enabled etcd takes a certificate's common name as the user name.
	 * @return the CA
	 * @since 0.1.0
	 */
	public CertificateAuthority authority() {
		return new CertificateAuthority(this.directory, CA);
	}

	/**
	 * Return a context that trusts the CA and presents the client certificate: a client
	 * with it connects whether or not client certificates are required. Built once.
	 * @return the context
	 * @since 0.1.0
	 */
	public synchronized SSLContext sslContext() {
		SSLContext context = this.sslContext;
		if (context == null) {
			context = sslContext(new IssuedCertificate(clientCertificate(), clientKey()));
			this.sslContext = context;
		}
		return context;
	}

	/**
	 * Return a new context that trusts the CA and presents the given client certificate,
	 * for example one of {@link #authority()} for another user, or one of a CA that etcd
	 * does not trust.
	 * @param client the certificate to present
	 * @return the context
	 * @since 0.1.0
	 */
	public SSLContext sslContext(IssuedCertificate client) {
		return PemSslContexts.create(caCertificate(), client);
	}

	/**
	 * Return a new context that trusts the CA and presents no certificate: to check that
	 * etcd refuses such a client when it requires client certificates.
	 * @return the context
	 * @since 0.1.0
	 */
	public SSLContext sslContextWithoutClientCertificate() {
		return PemSslContexts.create(caCertificate(), null);
	}

	/**
	 * Return etcd's flags for serving clients with these certificates. Peers stay on
	 * plain http: they only ever talk over loopback, and TLS there would test nothing a
	 * client sees.
	 */
	List<String> etcdArgs() {
		List<String> args = new ArrayList<>(List.of("--cert-file", this.directory.resolve(SERVER + ".pem").toString(),
				"--key-file", this.directory.resolve(SERVER + "-key.pem").toString()));
		if (this.clientCertificatesRequired) {
			args.addAll(List.of("--client-cert-auth", "--trusted-ca-file", caCertificate().toString()));
		}
		return args;
	}

	List<String> etcdctlArgs() {
		return List.of("--cacert=" + caCertificate(), "--cert=" + clientCertificate(), "--key=" + clientKey());
	}

	/**
	 * Return the client for health and status probes over https, made once: each JDK
	 * client has a selector thread of its own.
	 */
	synchronized HttpClient probeClient() {
		HttpClient client = this.probeClient;
		if (client == null) {
			client = EtcdHttp.newClient(sslContext());
			this.probeClient = client;
		}
		return client;
	}

	@Override
	public String toString() {
		return "EtcdTls[" + this.directory + ", client certificates "
				+ (this.clientCertificatesRequired ? "required" : "optional") + "]";
	}

	/**
	 * How a server serves its clients.
	 */
	enum Mode {

		/** Plain http. */
		OFF,

		/** https; any client that trusts the CA. */
		SERVER,

		/** https; only clients with a certificate of the CA. */
		CLIENT_CERTIFICATES

	}

}
