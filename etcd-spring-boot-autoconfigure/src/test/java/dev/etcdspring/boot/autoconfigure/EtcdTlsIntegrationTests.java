package dev.etcdspring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.etcdspring.boot.autoconfigure.health.EtcdHealthContributorAutoConfiguration;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.CertificateAuthority;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdTls;
import dev.etcdspring.test.EtcdctlResult;
import dev.etcdspring.test.IssuedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for TLS with {@code etcd.ssl.bundle}, against an etcd that serves clients over
 * https only and requires client certificates.
 */
class EtcdTlsIntegrationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single().withClientCertificates();

	@TempDir
	static Path strangers;

	static Path otherCa;

	static IssuedCertificate stranger;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, EtcdAutoConfiguration.class,
				EtcdHealthContributorAutoConfiguration.class));

	@BeforeAll
	static void createStranger() {
		// a CA that etcd's server certificate does not chain to, and that etcd does not
		// trust for client certificates either
		CertificateAuthority other = CertificateAuthority.create(strangers, "other-ca");
		otherCa = other.certificate();
		stranger = other.signClient("stranger");
	}

	@Test
	void templateWhenSslBundleTrustsServerShouldReadAndWrite() {
		this.contextRunner.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), client())).run((context) -> {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			template.put("/tls/greeting", "hello over TLS");
			assertThat(template.get("/tls/greeting")).contains("hello over TLS");
			EtcdctlResult stored = etcd.etcdctl("get", "/tls/greeting", "--print-value-only");
			assertThat(stored.exitCode()).as(stored.toString()).isZero();
			assertThat(stored.stdout().strip()).isEqualTo("hello over TLS");
			assertThat(template.delete("/tls/greeting")).isTrue();
		});
	}

	@Test
	void restClientTransportWithSslBundleShouldReadWriteAndWatch() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), client()))
			.withPropertyValues("etcd.transport=rest-client")
			.run((context) -> {
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				assertThat(template.getClient().toString()).contains("transport=rest-client");
				long revision = template.put("/tls/rest", "hello over RestClient");
				assertThat(template.get("/tls/rest")).contains("hello over RestClient");
				assertThat(template.watch("/tls/rest").fromRevision(revision).next(Duration.ofSeconds(10)))
					.hasValueSatisfying(
							(event) -> assertThat(event.kv().valueAsString()).isEqualTo("hello over RestClient"));
				assertThat(etcd.etcdctl("get", "/tls/rest", "--print-value-only").stdout().strip())
					.isEqualTo("hello over RestClient");
			});
	}

	@Test
	void sslBundleProtocolsShouldBeApplied() {
		// TLSv1.2 is one etcd speaks: the bundle's choice works
		this.contextRunner.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), client()))
			.withPropertyValues("spring.ssl.bundle.pem.etcd.options.enabled-protocols=TLSv1.2")
			.run((context) -> {
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				template.put("/tls/v12", "ok");
				assertThat(template.get("/tls/v12")).contains("ok");
			});
		// TLSv1.1 is one etcd refuses: were the bundle's protocols ignored, TLSv1.3 would
		// be negotiated and the call would succeed
		this.contextRunner.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), client()))
			.withPropertyValues("spring.ssl.bundle.pem.etcd.options.enabled-protocols=TLSv1.1")
			.run((context) -> assertThatExceptionOfType(EtcdConnectionException.class)
				.isThrownBy(() -> context.getBean(EtcdTemplate.class).get("/tls/v12"))
				.withMessageContaining(etcd.endpoint()));
	}

	@Test
	void healthWhenSslBundleTrustsServerShouldBeUp() {
		this.contextRunner.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), client())).run((context) -> {
			Health health = context.getBean("etcdHealthContributor", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("endpoint", etcd.endpoint());
		});
	}

	@Test
	void templateWhenSslBundleHasWrongCaShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues(tlsProperties(otherCa, client())).run((context) -> {
			assertThat(context).hasNotFailed();
			EtcdConnectionException failure = catchThrowableOfType(EtcdConnectionException.class,
					() -> context.getBean(EtcdTemplate.class).get("/tls/greeting"));
			assertThat(failure).hasMessageContaining(etcd.endpoint())
				.hasMessageContaining("SSLHandshakeException")
				.hasMessageContaining("PKIX path building failed");
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("The TLS handshake with etcd failed");
			assertThat(analysis.getAction()).contains("etcd.ssl.bundle").contains("CA");
		});
	}

	@Test
	void templateWhenClientCertificateIsNotTrustedShouldFailWithClearMessage() {
		this.contextRunner.withPropertyValues(tlsProperties(etcd.tls().caCertificate(), stranger)).run((context) -> {
			// TLS 1.3: etcd rejects the certificate after the client considers the
			// handshake done; its alert tells that the request was never read
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			EtcdConnectionException failure = catchThrowableOfType(EtcdConnectionException.class,
					() -> template.get("/tls/greeting"));
			assertThat(failure).hasMessageContaining("Cannot connect to etcd at " + etcd.endpoint())
				.hasMessageContaining("bad_certificate");
			// so a write is not an unknown outcome either
			assertThatExceptionOfType(EtcdConnectionException.class)
				.isThrownBy(() -> template.put("/tls/greeting", "hello"));
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("The TLS handshake with etcd failed");
		});
	}

	@Test
	void templateWhenEndpointIsHttpsWithoutSslBundleShouldNotTrustTheTestCa() {
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.request-timeout=5s")
			.run((context) -> {
				EtcdConnectionException failure = catchThrowableOfType(EtcdConnectionException.class,
						() -> context.getBean(EtcdTemplate.class).get("/tls/greeting"));
				assertThat(failure).hasMessageContaining("PKIX path building failed");
			});
	}

	@Test
	void templateWhenEndpointSaysHttpForATlsMemberShouldPointAtTheScheme() {
		String plainEndpoint = etcd.endpoint().replace("https://", "http://");
		this.contextRunner.withPropertyValues("etcd.endpoints=" + plainEndpoint, "etcd.request-timeout=2s")
			.run((context) -> assertThatExceptionOfType(EtcdConnectionException.class)
				.isThrownBy(() -> context.getBean(EtcdTemplate.class).get("/tls/greeting"))
				.withMessageContaining("Connection to etcd at " + plainEndpoint)
				.withMessageContaining("closed without an answer")
				.withMessageContaining("check the scheme"));
	}

	private static IssuedCertificate client() {
		EtcdTls tls = etcd.tls();
		return new IssuedCertificate(tls.clientCertificate(), tls.clientKey());
	}

	private static String[] tlsProperties(Path trustedCa, IssuedCertificate client) {
		return new String[] { "etcd.endpoints=" + etcd.endpoint(), "etcd.ssl.bundle=etcd", "etcd.request-timeout=5s",
				"spring.ssl.bundle.pem.etcd.truststore.certificate=" + fileUrl(trustedCa),
				"spring.ssl.bundle.pem.etcd.keystore.certificate=" + fileUrl(client.certificate()),
				"spring.ssl.bundle.pem.etcd.keystore.private-key=" + fileUrl(client.privateKey()) };
	}

	private static String fileUrl(Path path) {
		return path.toUri().toString();
	}

}
