package dev.etcdspring.test.context;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalEtcd @LocalEtcd} on a plain Spring context.
 */
@SpringJUnitConfig(LocalEtcdTests.Config.class)
@LocalEtcd
// a real service connection wins over configured properties
@TestPropertySource(properties = "etcd.endpoints=http://127.0.0.1:1")
class LocalEtcdTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Value("${etcd.endpoints}")
	String endpoints;

	@Autowired
	EtcdServer server;

	@Test
	void endpointsShouldPointAtAHealthyEtcd() throws Exception {
		assertThat(this.endpoints).startsWith("http://127.0.0.1:").doesNotContain(",");
		assertThat(health(this.endpoints)).contains("\"health\":\"true\"");
	}

	@Test
	void serverBeanShouldBeTheOneBehindTheEndpoints() {
		assertThat(this.server.endpoint()).isEqualTo(this.endpoints);
		assertThat(this.server.isHealthy()).isTrue();
	}

	@Test
	void serverShouldStoreWhatIsPutThroughEtcdctl() {
		assertThat(this.server.etcdctl("put", "/local-etcd-tests/k", "v").exitCode()).isZero();
		assertThat(this.server.etcdctl("get", "/local-etcd-tests/k", "--print-value-only").stdout().strip())
			.isEqualTo("v");
		assertThat(this.server.etcdctl("del", "/local-etcd-tests/k").exitCode()).isZero();
	}

	@Nested
	class NestedTests {

		@Value("${etcd.endpoints}")
		String nestedEndpoints;

		@Test
		void nestedClassShouldSeeTheSameEtcd() {
			assertThat(this.nestedEndpoints).isEqualTo(LocalEtcdTests.this.endpoints);
		}

	}

	static String health(String endpoint) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
