package dev.etcdspring.client.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatchConfigurer;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Watches registered in code, through an {@link EtcdWatchConfigurer} bean or the
 * registry, against a real etcd.
 */
class EtcdWatchConfigurerTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final String namespace = EtcdWatchContexts.newNamespace();

	private final String otherNamespace = EtcdWatchContexts.newNamespace();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void configurerWhenItRegistersAnEndpointShouldDeliverItsEventsLikeAnEtcdWatchMethod() {
		run(ProgrammaticConfiguration.class);
		EtcdTemplate template = this.context.getBean(EtcdTemplate.class);
		long first = template.put("/prog/a", "1");
		template.put("/progx", "not under the prefix");
		template.delete("/prog/a");
		template.put("/prog/b", "2");
		ProgrammaticConfiguration configuration = this.context.getBean(ProgrammaticConfiguration.class);
		await().untilAsserted(() -> assertThat(configuration.calls).containsExactly("PUT /prog/a=1 @" + first,
				"DELETE /prog/a=null @" + (first + 2), "PUT /prog/b=2 @" + (first + 3)));
		EtcdWatchListenerContainer container = this.context.getBean(EtcdWatchEndpointRegistry.class)
			.getListenerContainer("programmatic");
		assertThat(container.isRunning()).isTrue();
		assertThat(container.getEndpoint().getMethod()).isNull();
		assertThat(container.getTemplate()).isSameAs(template);
	}

	@Test
	void configurerWhenItRegistersAnEndpointWithAFactoryShouldRunItWithThatFactory() {
		run(FactoryConfiguration.class);
		etcdctlPut(this.otherNamespace + "/prog/x", "other");
		this.context.getBean(EtcdTemplate.class).put("/prog/x", "own namespace, not watched");
		etcdctlPut(this.otherNamespace + "/prog/y", "other too");
		FactoryConfiguration configuration = this.context.getBean(FactoryConfiguration.class);
		await().untilAsserted(
				() -> assertThat(configuration.calls).containsExactly("PUT /prog/x=other", "PUT /prog/y=other too"));
	}

	@Test
	void configurerWhenItSetsTheDefaultFactoryShouldApplyItToEtcdWatchMethods() {
		run(DefaultFactoryConfiguration.class, AnnotatedListener.class);
		this.context.getBean(EtcdTemplate.class).put("/flag", "own namespace, not watched");
		etcdctlPut(this.otherNamespace + "/flag", "other");
		AnnotatedListener listener = this.context.getBean(AnnotatedListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("/flag=other"));
	}

	@Test
	void configurerWhenEndpointNamesAnUnknownFactoryShouldFailStartupNamingIt() {
		AnnotationConfigApplicationContext failing = EtcdWatchContexts.create(etcd.endpoint(), this.namespace, Map.of(),
				UnknownFactoryConfiguration.class);
		assertThatIllegalStateException().isThrownBy(failing::refresh)
			.withMessage("Etcd watch 'orphan' names the container factory 'nope', but there is no bean of that name "
					+ "(define an EtcdWatchContainerFactory bean named 'nope')");
	}

	@Test
	void registerListenerContainerWhenRegistryRunsShouldStartTheWatchAtOnce() {
		run(AnnotatedListener.class);
		EtcdTemplate template = this.context.getBean(EtcdTemplate.class);
		List<String> calls = new CopyOnWriteArrayList<>();
		EtcdWatchEndpoint endpoint = EtcdWatchEndpoint.builder("late", "/late")
			.listener((event, operations) -> calls.add(event.type() + " " + event.kv().valueAsString()))
			.build();
		DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
		factory.setTemplate(template);
		EtcdWatchListenerContainer container = this.context.getBean(EtcdWatchEndpointRegistry.class)
			.registerListenerContainer(endpoint, factory);
		assertThat(container.isRunning()).isTrue();
		template.put("/late", "1");
		await().untilAsserted(() -> assertThat(calls).containsExactly("PUT 1"));
	}

	private void run(Class<?>... components) {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), this.namespace,
				Map.of("test.other.namespace", this.otherNamespace), components);
	}

	private void etcdctlPut(String key, String value) {
		assertThat(etcd.etcdctl("put", key, value).isSuccess()).isTrue();
	}

	private static String describe(WatchEvent event, EtcdOperations template) {
		String value = (event.type() == WatchEvent.Type.PUT) ? template.deserialize(event.kv().value(), String.class)
				: null;
		return event.type() + " " + event.kv().keyAsString() + "=" + value;
	}

	private static DefaultEtcdWatchContainerFactory otherNamespace(EtcdClient client, Environment environment) {
		DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
		factory.setTemplate(new EtcdTemplate(client, EtcdSerializer.standard(),
				environment.getRequiredProperty("test.other.namespace")));
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	static class ProgrammaticConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		EtcdWatchConfigurer programmaticWatch() {
			return (registrar) -> registrar.registerEndpoint(EtcdWatchEndpoint.builder("programmatic", "/prog/")
				.prefix(true)
				.listener((event, template) -> this.calls.add(describe(event, template) + " @" + event.revision()))
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		EtcdWatchConfigurer otherNamespaceWatch(EtcdClient client, Environment environment) {
			return (registrar) -> registrar.registerEndpoint(EtcdWatchEndpoint.builder("other", "/prog/")
				.prefix(true)
				.listener((event, template) -> this.calls.add(describe(event, template)))
				.build(), otherNamespace(client, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultFactoryConfiguration {

		@Bean
		EtcdWatchConfigurer otherNamespaceByDefault(EtcdClient client, Environment environment) {
			return (registrar) -> registrar.setContainerFactory(otherNamespace(client, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownFactoryConfiguration {

		@Bean
		EtcdWatchConfigurer orphanWatch() {
			return (registrar) -> registrar.registerEndpoint(EtcdWatchEndpoint.builder("orphan", "/orphan")
				.containerFactory("nope")
				.listener((event, template) -> {
				})
				.build());
		}

	}

	@Component("annotatedListener")
	static class AnnotatedListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/flag")
		void onFlag(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

}
