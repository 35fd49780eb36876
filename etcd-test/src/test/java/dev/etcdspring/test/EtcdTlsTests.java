package dev.etcdspring.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for a server that requires client certificates, shared by the class through
 * {@link EtcdServerExtension#withClientCertificates()}.
 */
class EtcdTlsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single().withClientCertificates();

	@Test
	void endpointShouldBeHttpsWithCertificatesInTheServersTempDir() {
		EtcdTls tls = etcd.tls();
		assertThat(etcd.endpoint()).isEqualTo("https://127.0.0.1:" + etcd.server().clientPort());
		assertThat(tls).isSameAs(etcd.server().tls());
		assertThat(tls.clientCertificatesRequired()).isTrue();
		Path directory = etcd.server().dataDir().getParent();
		assertThat(tls.caCertificate()).startsWith(directory).content().startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(tls.clientCertificate()).startsWith(directory).content().startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(tls.clientKey()).startsWith(directory).content().startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void etcdctlShouldPutAndGetOverTls() {
		EtcdctlResult put = etcd.etcdctl("put", "/tls/k", "v");
		assertThat(put.exitCode()).as(put.stderr()).isZero();
		assertThat(etcd.server().etcdctl("get", "/tls/k", "--print-value-only").stdout()).isEqualTo("v\n");
		assertThat(etcd.server().isHealthy()).isTrue();
	}

	@Test
	void healthWithClientCertificateShouldAnswer() throws Exception {
		assertThat(Http.health(etcd.endpoint(), etcd.tls().sslContext())).contains("\"health\":\"true\"");
	}

	@Test
	void healthWithAnotherClientCertificateOfTheCaShouldAnswer() throws Exception {
		IssuedCertificate other = etcd.tls().authority().signClient("other-client");
		assertThat(other.certificate()).startsWith(etcd.server().dataDir().getParent());
		assertThat(Http.health(etcd.endpoint(), etcd.tls().sslContext(other))).contains("\"health\":\"true\"");
	}

	@Test
	void authorityShouldNotOverwriteTheServersOwnCertificates() {
		assertThatIllegalArgumentException().isThrownBy(() -> etcd.tls().authority().signClient("client"))
			.withMessageContaining("exists already");
		assertThatIllegalArgumentException().isThrownBy(() -> etcd.tls().authority().signServer("server"));
	}

	@Test
	void healthWithoutClientCertificateShouldBeRefused() {
		assertRefused(() -> Http.health(etcd.endpoint(), etcd.tls().sslContextWithoutClientCertificate()));
	}

	@Test
	void healthWithClientCertificateOfAnotherCaShouldBeRefused(@TempDir Path directory) {
		IssuedCertificate stranger = CertificateAuthority.create(directory, "stranger-ca").signClient("stranger");
		assertRefused(() -> Http.health(etcd.endpoint(), etcd.tls().sslContext(stranger)));
	}

	/**
	 * TLS 1.3: the client's handshake is done before etcd checks its certificate, so the
	 * refusal is etcd's alert when the client reads it before the connection closes, and
	 * a connection closed without an answer when it does not: both are seen on CI.
	 */
	private static void assertRefused(ThrowingCallable health) {
		IOException refused = catchThrowableOfType(IOException.class, health);
		assertThat(refused).as("etcd must refuse the connection").isNotNull();
		if (refused instanceof SSLException) {
			assertThat(refused).hasMessageContaining("certificate");
		}
		else {
			assertThat(refused).hasMessageContaining("no bytes");
		}
	}

	@Test
	void healthOverPlainHttpShouldNotBeServed() {
		String plain = etcd.endpoint().replace("https://", "http://");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> Http.health(plain));
	}

	@Test
	void serverWithoutTlsShouldSaySo() {
		try (EtcdServer plain = EtcdServer.start()) {
			assertThatIllegalStateException().isThrownBy(plain::tls).withMessageContaining("withTls()");
		}
	}

	@Test
	void certificateAuthorityShouldWriteItsFiles(@TempDir Path directory) throws Exception {
		CertificateAuthority authority = CertificateAuthority.create(directory.resolve("new"), "test-ca");
		IssuedCertificate server = authority.signServer("server");
		assertThat(authority.certificate()).isEqualTo(directory.resolve("new/test-ca.pem")).isNotEmptyFile();
		assertThat(server.certificate()).isEqualTo(directory.resolve("new/server.pem")).isNotEmptyFile();
		assertThat(server.privateKey()).isEqualTo(directory.resolve("new/server-key.pem")).isNotEmptyFile();
		// nothing left over from the signing: requests, extension files, openssl logs
		try (var files = Files.list(directory.resolve("new"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("test-ca.pem",
					"test-ca-key.pem", "server.pem", "server-key.pem");
		}
	}

}
