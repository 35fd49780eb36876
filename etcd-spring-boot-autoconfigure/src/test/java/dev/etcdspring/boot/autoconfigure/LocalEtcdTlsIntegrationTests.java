package dev.etcdspring.boot.autoconfigure;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.context.LocalEtcd;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalEtcd#clientCertificates() @LocalEtcd(clientCertificates = true)} on a
 * Spring Boot test: the auto-configured client connects over TLS with the client
 * certificate, through the SSL bundle the annotation sets up, with no code of the test's
 * own.
 */
@SpringBootTest
@LocalEtcd(clientCertificates = true)
class LocalEtcdTlsIntegrationTests {

	@Autowired
	EtcdClient client;

	@Autowired
	EtcdTemplate template;

	@Autowired
	EtcdServer etcd;

	@Test
	void clientShouldUseTheLocalEtcdOverHttps() {
		assertThat(this.client.endpoints()).containsExactly(this.etcd.endpoint());
		assertThat(this.etcd.endpoint()).startsWith("https://");
	}

	@Test
	void templateShouldPutAndGetOverTls() {
		this.template.put("/local-etcd-tls/greeting", "hello");
		assertThat(this.template.get("/local-etcd-tls/greeting")).contains("hello");
		assertThat(this.etcd.etcdctl("get", "/local-etcd-tls/greeting", "--print-value-only").stdout().strip())
			.isEqualTo("hello");
		assertThat(this.template.delete("/local-etcd-tls/greeting")).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, EtcdAutoConfiguration.class })
	static class Config {

	}

}
