package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;

import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
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
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

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
	void startupTimeoutShouldBePositive() {
		this.contextRunner.withPropertyValues("etcd.startup.timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("(property etcd.startup.timeout)");
		});
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
