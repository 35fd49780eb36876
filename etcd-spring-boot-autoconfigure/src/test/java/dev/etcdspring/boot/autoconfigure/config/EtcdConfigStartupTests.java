package dev.etcdspring.boot.autoconfigure.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AppProperties;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * etcd is down when the application starts: with {@code optional:} it starts and takes
 * the values once etcd answers; without, startup fails within
 * {@code etcd.config.timeout}, naming the endpoints and the property, whether etcd
 * refuses connections or hangs.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdConfigStartupTests {

	private static final String PATH = "/config-startup/app/";

	@Test
	void optionalImportWhenEtcdIsDownShouldStartAndTakeTheValuesWhenEtcdAnswers(CapturedOutput output) {
		try (EtcdServer etcd = EtcdServer.start()) {
			try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
				new EtcdTemplate(client).put(PATH + "app.greeting", "from etcd");
			}
			etcd.kill();
			long started = System.nanoTime();
			try (ConfigurableApplicationContext context = ConfigTestApplication.run(
					"--spring.config.import=optional:etcd:" + PATH, "--etcd.endpoints=" + etcd.endpoint(),
					"--etcd.config.timeout=60s")) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for an etcd that refuses")
					.isLessThan(Duration.ofSeconds(30));
				AppProperties app = context.getBean(AppProperties.class);
				assertThat(app.getGreeting()).isEqualTo("default greeting");
				assertThat(output)
					.containsOnlyOnce("Starting without etcd:" + PATH + " (optional): etcd at [" + etcd.endpoint()
							+ "] (etcd.endpoints) could not be read: ")
					.contains("Its properties are added when etcd answers");
				etcd.restart();
				await().atMost(Duration.ofSeconds(30)).until(() -> "from etcd".equals(app.getGreeting()));
				assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("from etcd");
			}
		}
	}

	@Test
	void importWhenEtcdRefusesConnectionsShouldFailWithinTheTimeoutNamingEndpointsAndProperty(CapturedOutput output)
			throws IOException {
		String endpoint = "http://127.0.0.1:" + closedPort();
		long started = System.nanoTime();
		assertThatExceptionOfType(EtcdConfigDataException.class)
			.isThrownBy(() -> ConfigTestApplication.run("--spring.config.import=etcd:" + PATH,
					"--etcd.endpoints=" + endpoint, "--etcd.config.timeout=1500ms"))
			.withMessageContaining("Could not import etcd:" + PATH + " (spring.config.import)")
			.withMessageContaining("[" + endpoint + "] (etcd.endpoints)")
			.withMessageContaining("within 1500 ms (etcd.config.timeout)")
			.withMessageContaining("Connection refused");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		// kept trying for the whole timeout, and no more: the rest is the application's
		// own startup, slow on a loaded machine
		assertThat(elapsed).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1500 + 8000));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("raise etcd.config.timeout, or import optional:etcd:" + PATH);
	}

	@Test
	void importWhenEtcdHangsShouldFailWithinTheTimeout() {
		try (HungEndpoint hung = HungEndpoint.start()) {
			long started = System.nanoTime();
			assertThatExceptionOfType(EtcdConfigDataException.class)
				.isThrownBy(() -> ConfigTestApplication.run("--spring.config.import=etcd:" + PATH,
						"--etcd.endpoints=" + hung.endpoint(), "--etcd.config.timeout=1s",
						"--etcd.request-timeout=30s"))
				.withMessageContaining(hung.endpoint())
				.withMessageContaining("etcd.config.timeout");
			// not the 30 s of etcd.request-timeout
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1 + 8));
		}
	}

	@Test
	void importWhenTheTimeoutIsNotPositiveShouldFailNamingTheProperty() {
		assertThatExceptionOfType(EtcdConfigDataException.class)
			.isThrownBy(
					() -> ConfigTestApplication.run("--spring.config.import=etcd:" + PATH, "--etcd.config.timeout=0s"))
			.withMessageContaining("etcd.config.timeout must be positive");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
