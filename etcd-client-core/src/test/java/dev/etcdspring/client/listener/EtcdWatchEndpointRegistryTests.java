package dev.etcdspring.client.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle of {@link EtcdWatch @EtcdWatch} watches through
 * {@link EtcdWatchEndpointRegistry}.
 */
class EtcdWatchEndpointRegistryTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void getListenerContainerShouldDescribeEachWatchUnderItsDefaultId() {
		run(Map.of(), Listener.class);
		EtcdWatchEndpointRegistry registry = registry();
		assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("listener#onChange0", "manual");
		EtcdWatchListenerContainer container = registry.getListenerContainer("listener#onChange0");
		EtcdWatchEndpoint endpoint = container.getEndpoint();
		assertThat(endpoint.getBeanName()).isEqualTo("listener");
		assertThat(endpoint.getMethod().getName()).isEqualTo("onChange");
		assertThat(endpoint.getKey()).isEqualTo("/auto");
		assertThat(endpoint.isPrefix()).isFalse();
		assertThat(endpoint.isInitial()).isFalse();
		assertThat(endpoint.getEvents()).containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.DELETE);
		assertThat(endpoint.isAutoStartup()).isTrue();
		assertThat(container.isRunning()).isTrue();
		assertThat(registry.getListenerContainers()).extracting((each) -> each.getEndpoint().getId())
			.containsExactlyInAnyOrder("listener#onChange0", "manual");
		assertThat(registry.getListenerContainer("nope")).isNull();
		assertThat(registry.isRunning()).isTrue();
	}

	@Test
	void stopShouldEndTheCallsAndStartShouldResumeThemFromNow() {
		run(Map.of(), Listener.class);
		Listener listener = this.context.getBean(Listener.class);
		EtcdWatchListenerContainer container = registry().getListenerContainer("listener#onChange0");
		template().put("/auto", "1");
		await().untilAsserted(() -> assertThat(listener.auto).containsExactly("1"));
		container.stop();
		assertThat(container.isRunning()).isFalse();
		template().put("/auto", "missed while stopped");
		container.start();
		assertThat(container.isRunning()).isTrue();
		template().put("/auto", "3");
		// the change made while stopped would come before "3", and is not delivered
		await().untilAsserted(() -> assertThat(listener.auto).containsExactly("1", "3"));
	}

	@Test
	void watchWhenAutoStartupIsFalseShouldNotStartUntilStarted() {
		run(Map.of("manual.start", "false"), Listener.class);
		Listener listener = this.context.getBean(Listener.class);
		EtcdWatchListenerContainer manual = registry().getListenerContainer("manual");
		assertThat(manual.isAutoStartup()).isFalse();
		assertThat(manual.isRunning()).isFalse();
		template().put("/manual", "before start");
		template().put("/auto", "marker");
		// the started watch has seen a later change: the manual one would have seen its
		// own
		await().untilAsserted(() -> assertThat(listener.auto).containsExactly("marker"));
		manual.start();
		assertThat(manual.isRunning()).isTrue();
		template().put("/manual", "after start");
		await().untilAsserted(() -> assertThat(listener.manual).containsExactly("after start"));
	}

	@Test
	void watchWhenAutoStartupPlaceholderIsTrueShouldStart() {
		run(Map.of("manual.start", "true"), Listener.class);
		assertThat(registry().getListenerContainer("manual").isRunning()).isTrue();
	}

	@Test
	void registryStopShouldStopEveryWatchAndStartShouldRestartTheAutomaticOnes() {
		run(Map.of("manual.start", "false"), Listener.class);
		EtcdWatchEndpointRegistry registry = registry();
		registry.getListenerContainer("manual").start();
		registry.stop();
		assertThat(registry.isRunning()).isFalse();
		assertThat(registry.getListenerContainers()).noneMatch(EtcdWatchListenerContainer::isRunning);
		registry.start();
		assertThat(registry.getListenerContainer("listener#onChange0").isRunning()).isTrue();
		assertThat(registry.getListenerContainer("manual").isRunning()).isFalse();
	}

	@Test
	void closingTheContextShouldStopTheWatches() {
		run(Map.of(), Listener.class);
		EtcdWatchEndpointRegistry registry = registry();
		this.context.close();
		assertThat(registry.isRunning()).isFalse();
		assertThat(registry.getListenerContainers()).isNotEmpty().noneMatch(EtcdWatchListenerContainer::isRunning);
	}

	private void run(Map<String, Object> properties, Class<?>... components) {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), EtcdWatchContexts.newNamespace(), properties, components);
	}

	private EtcdTemplate template() {
		return this.context.getBean(EtcdTemplate.class);
	}

	private EtcdWatchEndpointRegistry registry() {
		return this.context.getBean(EtcdWatchEndpointRegistry.class);
	}

	@Component("listener")
	static class Listener {

		final List<String> auto = new CopyOnWriteArrayList<>();

		final List<String> manual = new CopyOnWriteArrayList<>();

		@EtcdWatch("/auto")
		void onChange(String value) {
			this.auto.add(value);
		}

		@EtcdWatch(key = "/manual", id = "manual", autoStartup = "${manual.start:true}")
		void onManual(String value) {
			this.manual.add(value);
		}

	}

}
