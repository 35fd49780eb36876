package dev.etcdspring.boot.autoconfigure.testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link EtcdContainerConnectionDetailsFactory}: an etcd container
 * with {@code @ServiceConnection} serves the auto-configured client. Skipped without a
 * container runtime; {@code scripts/test.sh} sets up Podman and the local image.
 */
@SpringBootTest(properties = "etcd.endpoints=http://127.0.0.1:1")
@Testcontainers(disabledWithoutDocker = true)
class EtcdContainerConnectionDetailsFactoryIntegrationTests {

	/**
	 * Built by {@code scripts/podman-setup.sh} from the Debian etcd binary: these
	 * machines cannot pull the official images.
	 */
	static final DockerImageName IMAGE = DockerImageName.parse("localhost/etcd:3.4.23");

	@Container
	@ServiceConnection
	static final GenericContainer<?> etcd = new GenericContainer<>(IMAGE)
		.withCommand("--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379",
				"--data-dir", "/tmp/data")
		.withExposedPorts(2379)
		.waitingFor(Wait.forHttp("/health").forPort(2379).forStatusCode(200));

	@Autowired
	EtcdConnectionDetails connectionDetails;

	@Autowired
	EtcdClient client;

	@Autowired
	EtcdTemplate template;

	@Test
	void connectionDetailsShouldPointAtTheMappedPort() {
		assertThat(this.connectionDetails.getEndpoints())
			.containsExactly("http://" + etcd.getHost() + ":" + etcd.getMappedPort(2379));
		assertThat(this.connectionDetails.getUsername()).isNull();
		assertThat(this.connectionDetails.getPassword()).isNull();
		assertThat(this.connectionDetails.getSslBundle()).isNull();
	}

	@Test
	void clientShouldUseTheContainerRatherThanTheProperties() {
		assertThat(this.client.endpoints()).containsExactlyElementsOf(this.connectionDetails.getEndpoints());
	}

	@Test
	void templateShouldPutAndGetThroughTheContainer() throws Exception {
		this.template.put("/testcontainers/greeting", "hello");
		assertThat(this.template.get("/testcontainers/greeting")).contains("hello");
		// what the container's etcd stored, read without our client
		assertThat(rangeThroughGateway("/testcontainers/greeting")).contains(base64("hello"));
		assertThat(this.template.delete("/testcontainers/greeting")).isTrue();
		assertThat(this.template.get("/testcontainers/greeting")).isEmpty();
	}

	private static String rangeThroughGateway(String key) throws Exception {
		String endpoint = "http://" + etcd.getHost() + ":" + etcd.getMappedPort(2379);
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v3/kv/range"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + base64(key) + "\"}"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(request, HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Config {

	}

}
