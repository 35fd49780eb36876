package dev.etcdspring.boot.autoconfigure.config;

import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AppProperties;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The import connects with {@code etcd.ssl.bundle} although no {@code SslBundles} bean
 * exists yet: it reads the bundle from the {@code spring.ssl.bundle.*} properties, here
 * against an etcd that requires client certificates.
 */
class EtcdConfigDataTlsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single().withClientCertificates();

	@Test
	void importWhenTheSslBundleIsSetShouldConnectWithIt() {
		assertThat(etcd.etcdctl("put", "/tls-config/app/app.greeting", "over TLS").exitCode()).isZero();
		try (ConfigurableApplicationContext context = run("--etcd.ssl.bundle=etcd")) {
			assertThat(context.getBean(AppProperties.class).getGreeting()).isEqualTo("over TLS");
		}
	}

	@Test
	void importWhenTheSslBundleDoesNotExistShouldFailNamingIt() {
		assertThatException().isThrownBy(() -> run("--etcd.ssl.bundle=missing").close())
			.havingRootCause()
			.withMessageContaining("missing");
	}

	private static ConfigurableApplicationContext run(String bundle) {
		EtcdTls tls = etcd.tls();
		String prefix = "--spring.ssl.bundle.pem.etcd.";
		return ConfigTestApplication.run("--spring.config.import=etcd:/tls-config/app/",
				"--etcd.endpoints=" + etcd.endpoint(), bundle,
				prefix + "truststore.certificate=" + tls.caCertificate().toUri(),
				prefix + "keystore.certificate=" + tls.clientCertificate().toUri(),
				prefix + "keystore.private-key=" + tls.clientKey().toUri(), "--etcd.config.timeout=5s");
	}

}
