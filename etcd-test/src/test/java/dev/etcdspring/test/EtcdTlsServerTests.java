package dev.etcdspring.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Standalone servers that serve TLS: without client certificates, under fault injection,
 * and closed.
 */
class EtcdTlsServerTests {

	@Test
	void tlsWithoutClientCertificatesShouldServeAClientThatOnlyTrustsTheCa() throws Exception {
		try (EtcdServer server = EtcdServer.builder().withTls().start()) {
			assertThat(server.endpoint()).startsWith("https://");
			assertThat(server.tls().clientCertificatesRequired()).isFalse();
			assertThat(Http.health(server.endpoint(), server.tls().sslContextWithoutClientCertificate()))
				.contains("\"health\":\"true\"");
			assertThat(server.etcdctl("put", "k", "v").isSuccess()).isTrue();
		}
	}

	@Test
	void killPauseResumeAndRestartShouldKeepTheCertificates() throws Exception {
		try (EtcdServer server = EtcdServer.builder().withClientCertificates().start()) {
			assertThat(server.etcdctl("put", "durable", "yes").isSuccess()).isTrue();
			byte[] ca = Files.readAllBytes(server.tls().caCertificate());
			server.pause();
			// the probe gives up on a frozen member instead of hanging in the handshake
			long start = System.nanoTime();
			assertThat(server.isHealthy()).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			server.resume();
			await().atMost(Duration.ofSeconds(10)).until(server::isHealthy);
			server.kill();
			assertThat(server.isHealthy()).isFalse();
			server.restart();
			assertThat(server.tls().caCertificate()).hasBinaryContent(ca);
			assertThat(Http.health(server.endpoint(), server.tls().sslContext())).contains("\"health\":\"true\"");
			assertThat(server.etcdctl("get", "durable", "--print-value-only").stdout()).isEqualTo("yes\n");
		}
	}

	@Test
	void closeShouldRemoveTheCertificates() {
		EtcdServer server = EtcdServer.builder().withClientCertificates().start();
		Path ca = server.tls().caCertificate();
		Path key = server.tls().clientKey();
		server.close();
		assertThat(ca).doesNotExist();
		assertThat(key).doesNotExist();
		assertThat(server.dataDir().getParent()).doesNotExist();
	}

}
