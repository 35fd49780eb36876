package dev.etcdspring.boot.autoconfigure.watch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatchAnnotationBeanPostProcessor;
import dev.etcdspring.client.listener.DefaultEtcdWatchContainerFactory;
import dev.etcdspring.client.listener.EtcdWatchContainerFactory;
import dev.etcdspring.client.listener.EtcdWatchEndpointRegistry;
import dev.etcdspring.client.listener.EtcdWatchErrorHandler;
import dev.etcdspring.client.listener.EtcdWatchListenerContainer;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdWatchAutoConfiguration}.
 */
class EtcdWatchAutoConfigurationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdWatchAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpoint());

	@Test
	void watchSupportWhenTemplateExistsShouldBeEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EtcdWatchEndpointRegistry.class)
				.hasSingleBean(EtcdWatchAnnotationBeanPostProcessor.class)
				.hasBean(EtcdWatchAnnotationBeanPostProcessor.BEAN_NAME)
				.hasSingleBean(EtcdWatchErrorHandler.class)
				.hasSingleBean(EtcdWatchContainerFactory.class)
				.hasBean(EtcdWatchContainerFactory.DEFAULT_BEAN_NAME);
			assertThat(context.getBean(EtcdWatchErrorHandler.class)).isSameAs(EtcdWatchErrorHandler.logging());
			DefaultEtcdWatchContainerFactory factory = context.getBean(DefaultEtcdWatchContainerFactory.class);
			assertThat(factory.getTemplate()).isSameAs(context.getBean(EtcdTemplate.class));
			assertThat(factory.getErrorHandler()).isSameAs(EtcdWatchErrorHandler.logging());
			assertThat(factory.getExecutor()).isNull();
		});
	}

	@Test
	void watchSupportWhenThereIsNoTemplateShouldBackOff() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EtcdWatchAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EtcdWatchEndpointRegistry.class)
				.doesNotHaveBean(EtcdWatchContainerFactory.class)
				.doesNotHaveBean(EtcdWatchErrorHandler.class));
	}

	@Test
	void watchSupportWhenCoreIsNotOnClasspathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EnableEtcdWatch.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdWatchEndpointRegistry.class)
				.doesNotHaveBean(EtcdWatchErrorHandler.class));
	}

	@Test
	void errorHandlerWhenUserDefinesOneShouldBackOff() {
		EtcdWatchErrorHandler userHandler = (exception, event, endpointId) -> {
		};
		this.contextRunner.withBean(EtcdWatchErrorHandler.class, () -> userHandler).run((context) -> {
			assertThat(context).getBean(EtcdWatchErrorHandler.class).isSameAs(userHandler);
			assertThat(context.getBean(DefaultEtcdWatchContainerFactory.class).getErrorHandler()).isSameAs(userHandler);
		});
	}

	@Test
	void containerFactoryWhenUserDefinesOneOfThatNameShouldBackOffAndRunTheWatches() {
		String key = "/by-user-factory-" + System.nanoTime();
		// the application's template has a namespace, the user factory's has none
		this.contextRunner.withPropertyValues("etcd.namespace=/app-" + System.nanoTime(), "app.key=" + key)
			.withUserConfiguration(UserFactoryConfiguration.class)
			.withBean("listener", PlaceholderListener.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DefaultEtcdWatchContainerFactory.class);
				assertThat(context.getBean(UserFactoryConfiguration.class).created)
					.containsExactly("listener#onChange0");
				assertThat(etcd.etcdctl("put", key, "v").isSuccess()).isTrue();
				PlaceholderListener listener = context.getBean(PlaceholderListener.class);
				await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT " + key + "=v"));
			});
	}

	@Test
	void containerFactoryWhenTemplatesAreAmbiguousShouldFailOnlyOnceAWatchNeedsIt() {
		ApplicationContextRunner twoTemplates = this.contextRunner.withUserConfiguration(TwoTemplates.class);
		twoTemplates.run((context) -> assertThat(context).hasNotFailed()
			.getBean(DefaultEtcdWatchContainerFactory.class)
			.satisfies((factory) -> assertThat(factory.getTemplate()).isNull()));
		twoTemplates.withPropertyValues("app.key=/k")
			.withBean("listener", PlaceholderListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(BeanInitializationException.class)
				.hasMessage("Invalid @EtcdWatch on method '" + PlaceholderListener.class.getName()
						+ ".onChange(WatchEvent, String)' of bean 'listener': No template to run etcd watch "
						+ "'listener#onChange0' with: @EtcdWatch methods need an EtcdTemplate bean (any "
						+ "EtcdOperations: exactly one, or one marked @Primary), or a container factory whose "
						+ "template is set"));
	}

	@Test
	void watchSupportWhenApplicationEnablesItItselfShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserEnabledConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdWatchEndpointRegistry.class)
				.hasSingleBean(EtcdWatchAnnotationBeanPostProcessor.class));
	}

	@Test
	void watchWhenKeyHasPlaceholderShouldResolveIt() {
		String namespace = "/autoconfig-" + System.nanoTime();
		this.contextRunner.withPropertyValues("etcd.namespace=" + namespace, "app.key=/from/properties")
			.withBean("listener", PlaceholderListener.class)
			.run((context) -> {
				EtcdWatchListenerContainer container = context.getBean(EtcdWatchEndpointRegistry.class)
					.getListenerContainer("listener#onChange0");
				assertThat(container.getEndpoint().getKey()).isEqualTo("/from/properties");
				assertThat(container.isRunning()).isTrue();
				assertThat(etcd.etcdctl("put", namespace + "/from/properties", "v").isSuccess()).isTrue();
				PlaceholderListener listener = context.getBean(PlaceholderListener.class);
				await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT /from/properties=v"));
				context.getBean(EtcdTemplate.class).delete("/from/properties");
				await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT /from/properties=v",
						"DELETE /from/properties=null"));
			});
	}

	@Test
	void watchSupportShouldStopWatchesWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("app.key=/closing")
			.withBean("listener", PlaceholderListener.class)
			.run((context) -> {
				EtcdWatchEndpointRegistry registry = context.getBean(EtcdWatchEndpointRegistry.class);
				assertThat(registry.getListenerContainer("listener#onChange0").isRunning()).isTrue();
				context.close();
				assertThat(registry.getListenerContainer("listener#onChange0").isRunning()).isFalse();
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void errorHandlerByDefaultShouldLogTheFailureWithoutTheValue(CapturedOutput output) {
		String namespace = "/logging-" + System.nanoTime();
		this.contextRunner.withPropertyValues("etcd.namespace=" + namespace)
			.withBean("listener", FailingListener.class)
			.run((context) -> {
				EtcdTemplate template = context.getBean(EtcdTemplate.class);
				template.put("/secret", "s3cret-not-json");
				template.put("/secret", new Flag("s3cret-disabled", false));
				template.put("/secret", new Flag("fine", true));
				FailingListener listener = context.getBean(FailingListener.class);
				await().untilAsserted(() -> assertThat(listener.calls).containsExactly("fine"));
				assertThat(output).contains("etcd watch 'listener#onSecret0' failed on the PUT of key '/secret'")
					.contains("its value could not be converted to the parameter's type")
					.contains("java.lang.IllegalStateException: rejected")
					.doesNotContain("s3cret");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	static class UserEnabledConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTemplates {

		@Bean
		EtcdTemplate firstTemplate(EtcdClient client) {
			return new EtcdTemplate(client, EtcdSerializer.standard(), "/first");
		}

		@Bean
		EtcdTemplate secondTemplate(EtcdClient client) {
			return new EtcdTemplate(client, EtcdSerializer.standard(), "/second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		final List<String> created = new CopyOnWriteArrayList<>();

		@Bean(EtcdWatchContainerFactory.DEFAULT_BEAN_NAME)
		EtcdWatchContainerFactory etcdWatchContainerFactory(EtcdClient client) {
			EtcdTemplate withoutNamespace = new EtcdTemplate(client);
			return (endpoint) -> {
				this.created.add(endpoint.getId());
				return new EtcdWatchListenerContainer(endpoint, withoutNamespace, null,
						EtcdWatchErrorHandler.logging());
			};
		}

	}

	record Flag(String name, boolean enabled) {
	}

	static class FailingListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/secret")
		void onSecret(Flag flag) {
			if (!flag.enabled()) {
				throw new IllegalStateException("rejected");
			}
			this.calls.add(flag.name());
		}

	}

	static class PlaceholderListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("${app.key}")
		void onChange(WatchEvent event, String value) {
			this.calls.add(event.type() + " " + event.kv().keyAsString() + "=" + value);
		}

	}

}
