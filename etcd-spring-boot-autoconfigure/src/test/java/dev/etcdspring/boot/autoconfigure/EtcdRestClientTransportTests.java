package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code etcd.transport=rest-client} against a real etcd: calls and watches go through
 * the application's {@code RestClient.Builder}, with its customizers and observations.
 */
class EtcdRestClientTransportTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestClientObservationAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpoint(), "etcd.transport=rest-client");

	@Test
	void callsAndWatchesShouldGoThroughTheApplicationsRestClient() {
		this.contextRunner.withUserConfiguration(RecordingConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			String key = "/rest-client-" + UUID.randomUUID();
			long revision = template.put(key, "1");
			assertThat(template.get(key)).contains("1");
			Optional<WatchEvent> event = template.watch(key).fromRevision(revision).next(Duration.ofSeconds(10));
			assertThat(event).hasValueSatisfying((e) -> assertThat(e.kv().valueAsString()).isEqualTo("1"));
			RecordingConfiguration recorded = context.getBean(RecordingConfiguration.class);
			assertThat(recorded.paths).contains("/v3/kv/put", "/v3/kv/range", "/v3/watch");
			assertThat(recorded.observations).contains("http.client.requests");
			assertThat(context.getBean(EtcdClient.class).toString()).contains("transport=rest-client");
		});
	}

	@Test
	void restClientWithoutSpringsRestClientOnTheClasspathShouldFailNamingTheStarter() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EtcdFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("(property etcd.transport)");
			assertThat(analysis.getAction()).contains("spring-boot-starter-restclient");
		});
	}

	@Test
	void builtInTransportShouldNotUseTheRestClient() {
		this.contextRunner.withUserConfiguration(RecordingConfiguration.class)
			.withPropertyValues("etcd.transport=built-in")
			.run((context) -> {
				context.getBean(EtcdTemplate.class).put("/built-in-" + UUID.randomUUID(), "1");
				assertThat(context.getBean(RecordingConfiguration.class).paths).isEmpty();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		final List<String> paths = new CopyOnWriteArrayList<>();

		final List<String> observations = new CopyOnWriteArrayList<>();

		@Bean
		RestClientCustomizer recordingCustomizer() {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				this.paths.add(request.getURI().getPath());
				return execution.execute(request, body);
			});
		}

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStart(Observation.Context context) {
					RecordingConfiguration.this.observations.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

	}

}
