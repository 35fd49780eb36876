package dev.etcdspring.boot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for etcd's actuator support in a web application on a random port: health with
 * cluster details, request timers in {@code /actuator/metrics}.
 */
class EtcdActuatorIntegrationTests {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	// the JVM, the web server and the health endpoint, not a second request timeout
	private static final Duration SLACK = Duration.ofMillis(1500);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void healthShouldShowClusterDetailsAndGoDownWithinTheRequestTimeoutWhenEtcdIsKilled() throws Exception {
		try (ConfigurableApplicationContext context = application().run()) {
			int port = port(context);
			JsonNode up = health(port, 200);
			assertThat(up.path("status").asString()).isEqualTo("UP");
			JsonNode etcdHealth = up.path("components").path("etcd");
			assertThat(etcdHealth.path("status").asString()).isEqualTo("UP");
			JsonNode details = etcdHealth.path("details");
			assertThat(details.path("endpoint").asString()).isEqualTo(etcd.endpoint());
			assertThat(details.path("version").asString()).isEqualTo("3.4.23");
			assertThat(details.path("members").asInt()).isEqualTo(1);
			assertThat(details.path("leader").asString()).matches("[0-9a-f]+").isNotEqualTo("0");
			assertThat(details.path("dbSize").asLong()).isPositive();
			etcd.server().kill();
			try {
				long start = System.nanoTime();
				JsonNode down = health(port, 503);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT.plus(SLACK));
				assertThat(down.path("status").asString()).isEqualTo("DOWN");
				JsonNode etcdDown = down.path("components").path("etcd");
				assertThat(etcdDown.path("status").asString()).isEqualTo("DOWN");
				assertThat(etcdDown.path("details").path("error").asString()).contains(etcd.endpoint());
			}
			finally {
				etcd.server().restart();
			}
			assertThat(health(port, 200).path("components").path("etcd").path("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void metricsEndpointShouldListTheRequestTimer() throws Exception {
		try (ConfigurableApplicationContext context = application().run()) {
			context.getBean(EtcdTemplate.class).get("/actuator/metered");
			JsonNode timer = JsonMapper.shared()
				.readTree(get(port(context), "/actuator/metrics/etcd.client.requests", 200));
			assertThat(timer.path("name").asString()).isEqualTo("etcd.client.requests");
			assertThat(timer.path("availableTags").findValuesAsString("tag")).contains("etcd.operation", "outcome");
		}
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "etcd.endpoints=" + etcd.endpoint(),
					"etcd.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms",
					"management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static JsonNode health(int port, int expectedStatus) throws Exception {
		return JsonMapper.shared().readTree(get(port, "/actuator/health", expectedStatus));
	}

	private static String get(int port, String path, int expectedStatus) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
