package dev.etcdspring.cloud.tests;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.boot.autoconfigure.config.EtcdConfigChangedEvent;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring Cloud Context on the classpath, an etcd change reaches
 * {@code @RefreshScope} beans and {@link EnvironmentChangeEvent} listeners, and Spring
 * Cloud's own refresh (what {@code /actuator/refresh} does) leaves the import following
 * etcd.
 */
class SpringCloudRefreshTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	static EtcdClient client;

	static EtcdTemplate template;

	final String root = "/cloud-" + UUID.randomUUID() + "/app/";

	@BeforeAll
	static void connect() {
		client = EtcdClient.create(etcd.endpoint());
		template = new EtcdTemplate(client);
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void changeInEtcdShouldReachRefreshScopeBeansAndEnvironmentChangeListeners() {
		template.put(this.root + "greeting.text", "one");
		try (ConfigurableApplicationContext context = run()) {
			Greeter greeter = context.getBean(Greeter.class);
			Changes changes = context.getBean(Changes.class);
			assertThat(greeter.text()).isEqualTo("one");

			long revision = template.put(this.root + "greeting.text", "two");
			await().atMost(WAIT).until(() -> "two".equals(greeter.text()));
			assertThat(changes.environment).singleElement()
				.satisfies((keys) -> assertThat(keys).containsExactly("greeting.text"));
			assertThat(changes.etcd).singleElement()
				.satisfies((event) -> assertThat(event.getRevision()).isEqualTo(revision));
			assertThat(context.getBean(GreetingProperties.class).getText()).isEqualTo("two");
		}
	}

	@Test
	void springCloudRefreshShouldLeaveTheImportFollowingEtcd() {
		template.put(this.root + "greeting.text", "one");
		try (ConfigurableApplicationContext context = run()) {
			Greeter greeter = context.getBean(Greeter.class);
			String name = "etcd:" + this.root;
			PropertySource<?> imported = context.getEnvironment().getPropertySources().get(name);
			assertThat(imported).isNotNull();

			context.getBean(ContextRefresher.class).refresh();
			assertThat(context.getEnvironment().getPropertySources().get(name)).isSameAs(imported);

			template.put(this.root + "greeting.text", "after refresh");
			await().atMost(WAIT).until(() -> "after refresh".equals(greeter.text()));
			assertThat(context.getBean(GreetingProperties.class).getText()).isEqualTo("after refresh");
		}
	}

	private ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(CloudApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "management.health.etcd.enabled=false")
			.run("--spring.config.import=etcd:" + this.root, "--etcd.endpoints=" + etcd.endpoint());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableConfigurationProperties(GreetingProperties.class)
	static class CloudApplication {

		@Bean
		@RefreshScope
		Greeter greeter(@Value("${greeting.text:none}") String text) {
			return new Greeter(text);
		}

		@Bean
		Changes changes() {
			return new Changes();
		}

	}

	/** Made anew by the refresh scope after each change. */
	static class Greeter {

		private final String text;

		Greeter(String text) {
			this.text = text;
		}

		String text() {
			return this.text;
		}

	}

	static class Changes {

		final List<Set<String>> environment = new CopyOnWriteArrayList<>();

		final List<EtcdConfigChangedEvent> etcd = new CopyOnWriteArrayList<>();

		@EventListener
		void environmentChanged(EnvironmentChangeEvent event) {
			this.environment.add(event.getKeys());
		}

		@EventListener
		void etcdChanged(EtcdConfigChangedEvent event) {
			this.etcd.add(event);
		}

	}

	@ConfigurationProperties("greeting")
	static class GreetingProperties {

		private String text;

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

	}

}
