package dev.etcdspring.boot.autoconfigure;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.context.LocalEtcd;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalEtcd @LocalEtcd} on a Spring Boot test: the auto-configured client talks to
 * the etcd it started, whatever the application's own configuration says.
 */
@SpringBootTest(properties = "etcd.endpoints=http://127.0.0.1:1")
@LocalEtcd
class LocalEtcdIntegrationTests {

	@Autowired
	EtcdClient client;

	@Autowired
	EtcdTemplate template;

	@Autowired
	EtcdServer etcd;

	@Test
	void clientShouldUseTheLocalEtcd() {
		assertThat(this.client.endpoints()).containsExactly(this.etcd.endpoint());
	}

	@Test
	void templateShouldPutAndGet() {
		this.template.put("/local-etcd/greeting", "hello");
		assertThat(this.template.get("/local-etcd/greeting")).contains("hello");
		assertThat(this.etcd.etcdctl("get", "/local-etcd/greeting", "--print-value-only").stdout().strip())
			.isEqualTo("hello");
		assertThat(this.template.delete("/local-etcd/greeting")).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Config {

	}

}
