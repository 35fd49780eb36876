package dev.etcdspring.boot.autoconfigure;

import java.util.List;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link EtcdFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, EtcdAutoConfiguration.class));

	@Test
	void analyzerShouldBeRegistered() {
		// some of Spring Boot's analyzers need constructor arguments: skip those
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			}));
		assertThat(analyzers).hasAtLeastOneElementOfType(EtcdFailureAnalyzer.class);
	}

	@Test
	void analyzeWhenEndpointIsInvalidShouldNameThePropertyAndTheFormat() {
		FailureAnalysis analysis = analyzeStartupFailure("etcd.endpoints=foo");
		assertThat(analysis.getDescription()).isEqualTo("The etcd client could not be created: Invalid etcd "
				+ "endpoint 'foo': expected http://host:port or https://host:port (property etcd.endpoints)");
		assertThat(analysis.getAction()).startsWith("Set etcd.endpoints to")
			.contains("http://127.0.0.1:2379")
			.contains("etcd.ssl.bundle");
	}

	@Test
	void analyzeWhenEndpointsAreEmptyShouldNameTheProperty() {
		FailureAnalysis analysis = analyzeStartupFailure("etcd.endpoints=");
		assertThat(analysis.getDescription()).contains("At least one etcd endpoint is required")
			.endsWith("(property etcd.endpoints)");
		assertThat(analysis.getAction()).startsWith("Set etcd.endpoints to");
	}

	@Test
	void analyzeWhenTimeoutsAreNotPositiveShouldNameTheProperty() {
		assertThat(analyzeStartupFailure("etcd.connect-timeout=0s").getAction())
			.isEqualTo("Set etcd.connect-timeout to a positive duration, such as 2s.");
		assertThat(analyzeStartupFailure("etcd.request-timeout=-1s").getAction())
			.isEqualTo("Set etcd.request-timeout to a positive duration, such as 10s.");
		assertThat(analyzeStartupFailure("etcd.watch.probe-interval=0s").getAction())
			.isEqualTo("Set etcd.watch.probe-interval to a positive duration, such as 2s.");
		assertThat(analyzeStartupFailure("etcd.watch.queue-capacity=-5").getAction())
			.isEqualTo("Set etcd.watch.queue-capacity to a positive number, such as 10000.");
		assertThat(analyzeStartupFailure("etcd.coalescing.concurrency=0").getAction())
			.isEqualTo("Set etcd.coalescing.concurrency to a positive number, such as 4.");
		assertThat(analyzeStartupFailure("etcd.discovery.enabled=true", "etcd.discovery.interval=0s").getAction())
			.isEqualTo("Set etcd.discovery.interval to a positive duration, such as 30s.");
		assertThat(analyzeStartupFailure("etcd.max-answer-size=0B").getAction())
			.isEqualTo("Set etcd.max-answer-size to a positive size of at most 2047MB, such as 64MB.");
		assertThat(analyzeStartupFailure("etcd.max-answer-size=2GB").getDescription())
			.endsWith("(property etcd.max-answer-size)");
	}

	@Test
	void analyzeWhenPasswordIsMissingShouldNameTheProperty() {
		FailureAnalysis analysis = analyzeStartupFailure("etcd.username=app");
		assertThat(analysis.getDescription()).endsWith("(property etcd.password)");
		assertThat(analysis.getAction()).startsWith("Set etcd.password");
	}

	@Test
	void analyzeWhenSslBundleIsMissingShouldNameTheProperty() {
		FailureAnalysis analysis = analyzeStartupFailure("etcd.ssl.bundle=missing");
		assertThat(analysis.getDescription()).contains("'missing'").endsWith("(property etcd.ssl.bundle)");
		assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem");
	}

	@Test
	void analyzeWhenConnectionDetailsBeanHasInvalidEndpointShouldNameTheBean() {
		this.contextRunner.withBean(EtcdConnectionDetails.class, () -> new BrokenConnectionDetails()).run((context) -> {
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Invalid etcd endpoint 'not a url'")
				.contains(BrokenConnectionDetails.class.getName());
			assertThat(analysis.getAction()).contains("EtcdConnectionDetails bean of type")
				.contains(BrokenConnectionDetails.class.getName());
		});
	}

	@Test
	void analyzeWhenTimeoutIsInvalidAndConnectionDetailsAreCustomShouldStillNameTheProperty() {
		this.contextRunner.withBean(EtcdConnectionDetails.class, () -> () -> List.of("http://127.0.0.1:2379"))
			.withPropertyValues("etcd.request-timeout=0s")
			.run((context) -> {
				FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).endsWith("(property etcd.request-timeout)");
			});
	}

	@Test
	void analyzeWhenCredentialsAreRejectedShouldNameTheProperties() {
		EtcdAuthenticationException rejected = new EtcdAuthenticationException(
				"etcd at http://127.0.0.1:2379 refused auth/authenticate: etcdserver: authentication failed, "
						+ "invalid user ID or password (code 3)",
				3, "etcdserver: authentication failed, invalid user ID or password", "http://127.0.0.1:2379");
		FailureAnalysis analysis = new EtcdFailureAnalyzer()
			.analyze(new BeanCreationException("etcdClient", "Failed", rejected));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("etcd rejected the client's credentials: etcd at");
		assertThat(analysis.getAction()).startsWith("Check etcd.username and etcd.password");
	}

	@Test
	void analyzeWhenFailureIsUnrelatedShouldReturnNull() {
		EtcdFailureAnalyzer analyzer = new EtcdFailureAnalyzer();
		assertThat(analyzer.analyze(new IllegalArgumentException("Invalid etcd endpoint 'x'"))).isNull();
		assertThat(analyzer.analyze(new BeanCreationException("other", "Failed", new IllegalStateException())))
			.isNull();
	}

	@Test
	void startupWhenEndpointIsInvalidShouldReportTheAnalysis(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
				.properties("etcd.endpoints=foo")
				.run()
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid etcd endpoint 'foo': expected http://host:port or https://host:port "
					+ "(property etcd.endpoints)")
			.contains("Set etcd.endpoints to the client URLs of your etcd members");
	}

	private FailureAnalysis analyzeStartupFailure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis of " + String.join(", ", properties)).isNotNull();
		return analysis[0];
	}

	static class BrokenConnectionDetails implements EtcdConnectionDetails {

		@Override
		public List<String> getEndpoints() {
			return List.of("not a url");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
