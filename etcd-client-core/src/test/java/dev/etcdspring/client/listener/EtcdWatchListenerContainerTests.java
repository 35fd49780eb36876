package dev.etcdspring.client.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdWatchListenerContainer} used directly, without a Spring context: the
 * executor of its factory calls the listener, in order, and the listener may stop its own
 * container.
 */
class EtcdWatchListenerContainerTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private EtcdClient client;

	private EtcdTemplate template;

	private DefaultEtcdWatchContainerFactory factory;

	@BeforeEach
	void createFactory() {
		this.client = TestTransport.builder().endpoints(etcd.endpoint()).build();
		this.template = new EtcdTemplate(this.client, EtcdSerializer.standard(), EtcdWatchContexts.newNamespace());
		this.factory = new DefaultEtcdWatchContainerFactory();
		this.factory.setTemplate(this.template);
		this.factory.setErrorHandler((exception, event, endpointId) -> this.failures
			.add(endpointId + " " + event.kv().valueAsString() + " " + exception.getClass().getSimpleName()));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void containerWhenFactoryHasAnExecutorShouldCallTheListenerOnItInRevisionOrder() {
		// a thread per task: only the container's waiting keeps the calls in order
		this.factory.setExecutor(new SimpleAsyncTaskExecutor("own-"));
		EtcdWatchListenerContainer container = start((event, template) -> this.calls.add(event.kv().valueAsString()
				+ (Thread.currentThread().getName().startsWith("own-") ? "" : " elsewhere")));
		List<String> values = IntStream.rangeClosed(1, 30).mapToObj(String::valueOf).toList();
		values.forEach((value) -> this.template.put("/k", value));
		await().untilAsserted(() -> assertThat(this.calls).containsExactlyElementsOf(values));
		container.stop();
	}

	@Test
	void stopWhenTheListenerCallsItOnTheExecutorShouldReturnAndEndTheCalls() {
		this.factory.setExecutor(new SimpleAsyncTaskExecutor("own-"));
		AtomicReference<EtcdWatchListenerContainer> self = new AtomicReference<>();
		EtcdWatchListenerContainer container = start((event, template) -> {
			this.calls.add(event.kv().valueAsString());
			if (event.kv().valueAsString().equals("stop")) {
				// closing the watch waits for the call in progress: this one
				self.get().stop();
				this.calls.add("stopped");
			}
		}, self);
		this.template.put("/k", "1");
		this.template.put("/k", "stop");
		this.template.put("/k", "after stop");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.calls).containsExactly("1", "stop", "stopped"));
		assertThat(container.isRunning()).isFalse();
		long marker = this.template.put("/k", "later");
		// a watch of its own sees the marker: the stopped one would have seen it too
		assertThat(this.template.watch("/k").fromRevision(marker).next(Duration.ofSeconds(10))).isPresent();
		assertThat(this.calls).containsExactly("1", "stop", "stopped");
	}

	@Test
	void containerWhenTheExecutorRejectsACallShouldPassTheRejectionToTheErrorHandler() {
		this.factory.setExecutor((task) -> {
			throw new RejectedExecutionException("full");
		});
		EtcdWatchListenerContainer container = start((event, template) -> this.calls.add(event.kv().valueAsString()));
		this.template.put("/k", "1");
		this.template.put("/k", "2");
		await().untilAsserted(() -> assertThat(this.failures).containsExactly("rejecting 1 RejectedExecutionException",
				"rejecting 2 RejectedExecutionException"));
		assertThat(this.calls).isEmpty();
		assertThat(container.isRunning()).isTrue();
		container.stop();
	}

	private EtcdWatchListenerContainer start(EtcdWatchEventListener listener) {
		return start(listener, new AtomicReference<>());
	}

	private EtcdWatchListenerContainer start(EtcdWatchEventListener listener,
			AtomicReference<EtcdWatchListenerContainer> holder) {
		String id = (this.factory.getExecutor() instanceof SimpleAsyncTaskExecutor) ? "own" : "rejecting";
		EtcdWatchListenerContainer container = this.factory
			.createContainer(EtcdWatchEndpoint.builder(id, "/k").listener(listener).build());
		holder.set(container);
		container.start();
		assertThat(container.isRunning()).isTrue();
		return container;
	}

}
