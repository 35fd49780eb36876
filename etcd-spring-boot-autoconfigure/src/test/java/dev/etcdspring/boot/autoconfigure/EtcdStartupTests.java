package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;

import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an application's startup waits for: never a hung member for long, and with
 * {@code etcd.startup.fail-fast}, at least one member that answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdStartupTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class));

	@Test
	void startupWhenTheOnlyMemberHangsShouldNotWaitLongAndShouldSayWhy(CapturedOutput output) {
		try (HungEndpoint hung = HungEndpoint.start()) {
			long start = System.nanoTime();
			// the default request timeout (10 s) would hold each watch's registration
			try (ConfigurableApplicationContext context = application("etcd.endpoints=" + hung.endpoint()).run()) {
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
				assertThat(context.getBean(EtcdTemplate.class)).isNotNull();
			}
			assertThat(output).contains("WARN")
				.contains("etcd at [" + hung.endpoint() + "] did not tell its current revision within 2000 ms");
		}
	}

	@Test
	void failFastWhenTheOnlyMemberHangsShouldFailWithinTheStartupTimeoutNamingEndpointAndProperty(
			CapturedOutput output) {
		try (HungEndpoint hung = HungEndpoint.start()) {
			long start = System.nanoTime();
			this.contextRunner
				.withPropertyValues("etcd.endpoints=" + hung.endpoint(), "etcd.startup.fail-fast=true",
						"etcd.startup.timeout=2s")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).isEqualTo("No etcd member at [" + hung.endpoint()
							+ "] answered at startup: no member " + "answered within 2000 ms (etcd.startup.timeout)");
					assertThat(analysis.getAction()).contains("etcd.startup.fail-fast=false")
						.contains("etcd.startup.timeout")
						.contains("etcdctl --endpoints " + hung.endpoint() + " endpoint health");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
			// a wait over a second is explained while it happens
			assertThat(output).contains("Waiting for etcd at [" + hung.endpoint() + "] to answer, for at most 2000 ms "
					+ "(etcd.startup.timeout); startup fails then (etcd.startup.fail-fast)");
		}
	}

	@Test
	void failFastWhenNothingListensShouldFailNamingTheEndpoint() {
		try (HungEndpoint closed = HungEndpoint.start()) {
			closed.close();
			this.contextRunner
				.withPropertyValues("etcd.endpoints=" + closed.endpoint(), "etcd.startup.fail-fast=true",
						"etcd.request-timeout=1s")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Connection refused");
					FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).startsWith(
							"No etcd member at [" + closed.endpoint() + "] answered at startup: Cannot connect");
				});
		}
	}

	@Test
	void failFastWhenEtcdAnswersShouldStart() {
		this.contextRunner.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.startup.fail-fast=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(EtcdStartupCheck.class));
	}

	@Test
	void withoutFailFastOrCredentialsStartupShouldNotTalkToEtcd() {
		try (HungEndpoint hung = HungEndpoint.start()) {
			this.contextRunner.withPropertyValues("etcd.endpoints=" + hung.endpoint())
				.run((context) -> assertThat(context).hasNotFailed());
			assertThat(hung.connections()).isZero();
		}
	}

	@Test
	void withCredentialsCreatingTheBeansShouldNotTalkToEtcdOnlyTheLifecycleStartShould() {
		try (HungEndpoint hung = HungEndpoint.start()) {
			ConnectionsWhenBeansAreCreated probe = new ConnectionsWhenBeansAreCreated(hung);
			this.contextRunner
				.withPropertyValues("etcd.endpoints=" + hung.endpoint(), "etcd.username=app", "etcd.password=secret",
						"etcd.startup.timeout=200ms")
				.withBean(ConnectionsWhenBeansAreCreated.class, () -> probe)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(probe.connections).isZero();
					// the credentials check ran as the context started: the probe could
					// see it
					assertThat(hung.connections()).isPositive();
				});
		}
	}

	@Test
	void withCredentialsAndEtcdStoppedTheLifecycleStartShouldFailNamingTheEndpoint() {
		try (HungEndpoint stopped = HungEndpoint.start()) {
			stopped.close();
			this.contextRunner
				.withPropertyValues("etcd.endpoints=" + stopped.endpoint(), "etcd.username=app", "etcd.password=secret",
						"etcd.startup.fail-fast=true", "etcd.request-timeout=1s")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).startsWith(
							"No etcd member at [" + stopped.endpoint() + "] answered at startup: Cannot connect");
				});
		}
	}

	@Test
	void withCredentialsAndEtcdStoppedTheFirstUseShouldFailNamingTheEndpoint(CapturedOutput output) {
		try (HungEndpoint stopped = HungEndpoint.start()) {
			stopped.close();
			this.contextRunner
				.withPropertyValues("etcd.endpoints=" + stopped.endpoint(), "etcd.username=app", "etcd.password=secret",
						"etcd.request-timeout=1s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThatExceptionOfType(EtcdConnectionException.class)
						.isThrownBy(() -> context.getBean(EtcdOperations.class).get("/config/a"))
						.withMessageContaining("Cannot connect")
						.withMessageContaining(stopped.endpoint());
				});
			assertThat(output).contains(
					"Could not check the etcd credentials at startup at [" + stopped.endpoint() + "]: Cannot connect");
		}
	}

	@Test
	void startupTimeoutShouldBePositive() {
		this.contextRunner.withPropertyValues("etcd.startup.timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("(property etcd.startup.timeout)");
		});
	}

	/**
	 * Counts the connections made to etcd while the beans were created: it starts first
	 * of all lifecycle beans, when every singleton exists and nothing has started yet.
	 */
	static final class ConnectionsWhenBeansAreCreated implements SmartLifecycle {

		private final HungEndpoint endpoint;

		private volatile int connections = -1;

		private volatile boolean running;

		ConnectionsWhenBeansAreCreated(HungEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		@Override
		public void start() {
			this.connections = this.endpoint.connections();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

	private static SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(WatchingApplication.class).web(WebApplicationType.NONE)
			.properties(properties);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listeners.class)
	static class WatchingApplication {

	}

	static class Listeners {

		@EtcdWatch("/config/a")
		void onA(@EtcdValue String value) {
		}

		@EtcdWatch(value = "/flags/", prefix = true)
		void onFlag(@EtcdValue String value) {
		}

	}

}
