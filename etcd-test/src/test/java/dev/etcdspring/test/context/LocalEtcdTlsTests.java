package dev.etcdspring.test.context;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalEtcd#clientCertificates() @LocalEtcd(clientCertificates = true)}:
 * the endpoints and a Spring Boot SSL bundle for the certificates.
 */
@SpringJUnitConfig(LocalEtcdTlsTests.Config.class)
@LocalEtcd(clientCertificates = true)
class LocalEtcdTlsTests {

	@Value("${etcd.endpoints}")
	String endpoints;

	@Autowired
	EtcdServer server;

	@Autowired
	Environment environment;

	@Test
	void endpointsShouldBeHttps() {
		assertThat(this.endpoints).isEqualTo(this.server.endpoint()).startsWith("https://127.0.0.1:");
	}

	@Test
	void sslBundleShouldNameTheServersCertificates() {
		String prefix = "spring.ssl.bundle.pem.local-etcd.";
		assertThat(this.environment.getProperty("etcd.ssl.bundle")).isEqualTo("local-etcd");
		assertThat(file(prefix + "truststore.certificate")).isEqualTo(this.server.tls().caCertificate()).exists();
		assertThat(file(prefix + "keystore.certificate")).isEqualTo(this.server.tls().clientCertificate()).exists();
		assertThat(file(prefix + "keystore.private-key")).isEqualTo(this.server.tls().clientKey()).exists();
	}

	@Test
	void serverShouldAnswerAClientWithItsCertificate() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(this.server.tls().sslContext())
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.endpoints + "/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body()).contains("\"health\":\"true\"");
		assertThat(this.server.etcdctl("endpoint", "health").isSuccess()).isTrue();
	}

	private Path file(String property) {
		return Path.of(URI.create(this.environment.getRequiredProperty(property)));
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
