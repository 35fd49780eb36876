package dev.etcdspring.client.listener;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdPrevValue;
import dev.etcdspring.client.annotation.EtcdRevision;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link EtcdWatch @EtcdWatch} methods receive, in a plain Spring context against a
 * real etcd.
 */
class EtcdWatchAnnotationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final String namespace = EtcdWatchContexts.newNamespace();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void watchWhenKeyChangesShouldCallMethodForEachChangeOfThatKeyOnly() {
		run(ExactKeyListener.class);
		EtcdTemplate template = template();
		long first = template.put("/flag", "on");
		template.put("/flag-other", "ignored");
		template.put("/flag/child", "ignored");
		long second = template.put("/flag", "off");
		long deleted = deleteWithEtcdctl("/flag");
		ExactKeyListener listener = this.context.getBean(ExactKeyListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT /flag=on @" + first,
				"PUT /flag=off @" + second, "DELETE /flag=null @" + deleted));
	}

	@Test
	void watchWhenPrefixShouldCallMethodForEveryKeyUnderIt() {
		run(PrefixListener.class);
		EtcdTemplate template = template();
		template.put("/flags/a", "1");
		template.put("/flagsx", "ignored");
		assertThat(etcd.etcdctl("put", this.namespace + "/flags/b", "2").isSuccess()).isTrue();
		template.delete("/flags/a");
		// one revision, two changes: delivered in order, one call each
		template.txn().thenPut("/flags/c", "3").thenPut("/flags/d", "4").commit();
		PrefixListener listener = this.context.getBean(PrefixListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT /flags/a=1", "PUT /flags/b=2",
				"DELETE /flags/a=null", "PUT /flags/c=3", "PUT /flags/d=4"));
	}

	@Test
	void watchWhenNamespaceEndsWithSlashShouldSeeKeysPutWithEtcdctl() {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), this.namespace + "/", Map.of(), PrefixListener.class);
		assertThat(etcd.etcdctl("put", this.namespace + "/flags/x1", "1").isSuccess()).isTrue();
		template().put("/flags/x2", "2");
		PrefixListener listener = this.context.getBean(PrefixListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("PUT /flags/x1=1", "PUT /flags/x2=2"));
		assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", this.namespace)
			.stdout()
			.lines()
			.filter((line) -> !line.isBlank()))
			.containsExactly(this.namespace + "/flags/x1", this.namespace + "/flags/x2");
	}

	@Test
	void watchWhenValueIsJsonShouldDeserializeItToTheParameterType() {
		run(JsonListener.class);
		template().put("/features/x", new Feature("x", true, 3));
		assertThat(
				etcd.etcdctl("put", this.namespace + "/features/y", "{\"name\":\"y\",\"enabled\":false,\"weight\":7}")
					.isSuccess())
			.isTrue();
		template().delete("/features/x");
		JsonListener listener = this.context.getBean(JsonListener.class);
		await().untilAsserted(() -> assertThat(listener.features).containsExactly(new Feature("x", true, 3),
				new Feature("y", false, 7), null));
		await().untilAsserted(() -> assertThat(listener.bytes).hasSize(2));
		assertThat(new String(listener.bytes.get(1), StandardCharsets.UTF_8))
			.isEqualTo("{\"name\":\"y\",\"enabled\":false,\"weight\":7}");
	}

	@Test
	void watchWhenKeyIsDeletedShouldPassNullValueAndThePreviousValue() {
		run(PrevValueListener.class);
		template().put("/secret", "v1");
		template().put("/secret", "v2");
		template().delete("/secret");
		PrevValueListener listener = this.context.getBean(PrevValueListener.class);
		await().untilAsserted(
				() -> assertThat(listener.calls).containsExactly("PUT null->v1", "PUT v1->v2", "DELETE v2->null"));
		assertThat(registry().getListenerContainer("prevValueListener#onChange0").getEndpoint().isPrevValue()).isTrue();
	}

	@Test
	void watchWhenEventsIsDeleteOnlyShouldNotCallForPuts() {
		run(DeleteOnlyListener.class);
		long firstPut = template().put("/job", "1");
		template().delete("/job");
		template().put("/job", "2");
		long secondDelete = deleteWithEtcdctl("/job");
		DeleteOnlyListener listener = this.context.getBean(DeleteOnlyListener.class);
		await().untilAsserted(() -> assertThat(listener.deletes).containsExactly("DELETE /job @" + (firstPut + 1),
				"DELETE /job @" + secondDelete));
	}

	@Test
	void watchWhenKeyHasPlaceholderShouldResolveIt() {
		run(Map.of("app.flag-key", "/resolved/flag", "app.watch-id", "resolvedWatch"), PlaceholderListener.class);
		template().put("/resolved/flag", "yes");
		PlaceholderListener listener = this.context.getBean(PlaceholderListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("/resolved/flag=yes"));
		EtcdWatchListenerContainer container = registry().getListenerContainer("resolvedWatch");
		assertThat(container).isNotNull();
		assertThat(container.getEndpoint().getKey()).isEqualTo("/resolved/flag");
	}

	@Test
	void watchWhenUsedAsMetaAnnotationShouldUseTheComposedAttributes() {
		run(MetaAnnotatedListener.class);
		template().put("/meta/a", "1");
		template().delete("/meta/a");
		template().put("/meta/b", "2");
		MetaAnnotatedListener listener = this.context.getBean(MetaAnnotatedListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("/meta/a=1", "/meta/b=2"));
		EtcdWatchEndpoint endpoint = registry().getListenerContainer("metaAnnotatedListener#onPut0").getEndpoint();
		assertThat(endpoint.isPrefix()).isTrue();
		assertThat(endpoint.getEvents()).containsExactly(WatchEvent.Type.PUT);
	}

	@Test
	void watchWhenRepeatedShouldWatchEachKey() {
		run(RepeatedListener.class);
		template().put("/one", "1");
		template().put("/two", "2");
		template().put("/three", "3");
		template().put("/one", "4");
		RepeatedListener listener = this.context.getBean(RepeatedListener.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactlyInAnyOrder("/one=1", "/two=2", "/one=4"));
		assertThat(listener.calls).containsSubsequence("/one=1", "/one=4");
		assertThat(registry().getListenerContainerIds()).containsExactlyInAnyOrder("repeatedListener#onChange0",
				"repeatedListener#onChange1");
	}

	@Test
	void watchWhenMethodThrowsShouldPassTheFailureToTheErrorHandlerAndGoOn() {
		run(FailingListener.class, RecordingErrorHandler.class);
		template().put("/fragile", new Feature("ok-1", true, 1));
		template().put("/fragile", new Feature("boom", true, 2));
		template().put("/fragile", "{not json");
		template().put("/fragile", new Feature("ok-2", true, 3));
		FailingListener listener = this.context.getBean(FailingListener.class);
		RecordingErrorHandler errors = this.context.getBean(RecordingErrorHandler.class);
		await().untilAsserted(() -> assertThat(listener.calls).containsExactly("ok-1", "ok-2"));
		assertThat(errors.failures).containsExactly(
				"failingListener#onChange0 PUT /fragile IllegalStateException: cannot handle boom",
				"failingListener#onChange0 PUT /fragile EtcdSerializationException");
	}

	private void run(Class<?>... components) {
		run(Map.of(), components);
	}

	private void run(Map<String, Object> properties, Class<?>... components) {
		this.context = EtcdWatchContexts.run(etcd.endpoint(), this.namespace, properties, components);
	}

	private EtcdTemplate template() {
		return this.context.getBean(EtcdTemplate.class);
	}

	private EtcdWatchEndpointRegistry registry() {
		return this.context.getBean(EtcdWatchEndpointRegistry.class);
	}

	private long deleteWithEtcdctl(String key) {
		assertThat(etcd.etcdctl("del", this.namespace + key).isSuccess()).isTrue();
		// the delete is the last change: its revision is the current one
		return template().getClient().kv().range(RangeQuery.key(this.namespace)).header().revision();
	}

	record Feature(String name, boolean enabled, int weight) {
	}

	@Component("exactKeyListener")
	static class ExactKeyListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/flag")
		void onFlag(WatchEvent.Type type, @EtcdKey String key, String value, @EtcdRevision long revision) {
			this.calls.add(type + " " + key + "=" + value + " @" + revision);
		}

	}

	@Component("prefixListener")
	static class PrefixListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch(key = "/flags/", prefix = true)
		void onFlag(WatchEvent event, @EtcdValue String value) {
			this.calls.add(event.type() + " " + event.kv().keyAsString() + "=" + value);
		}

	}

	@Component("jsonListener")
	static class JsonListener {

		final List<Feature> features = new CopyOnWriteArrayList<>();

		final List<byte[]> bytes = new CopyOnWriteArrayList<>();

		@EtcdWatch(key = "/features/", prefix = true)
		void onFeature(Feature feature) {
			this.features.add(feature);
		}

		@EtcdWatch(key = "/features/", prefix = true, events = WatchEvent.Type.PUT)
		void onFeatureBytes(@EtcdValue byte[] raw) {
			this.bytes.add(raw);
		}

	}

	@Component("prevValueListener")
	static class PrevValueListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/secret")
		void onChange(WatchEvent.Type type, @EtcdPrevValue String previous, String value) {
			this.calls.add(type + " " + previous + "->" + value);
		}

	}

	@Component("deleteOnlyListener")
	static class DeleteOnlyListener {

		final List<String> deletes = new CopyOnWriteArrayList<>();

		@EtcdWatch(key = "/job", events = WatchEvent.Type.DELETE)
		void onDelete(WatchEvent.Type type, KeyValue kv, @EtcdRevision Long revision) {
			this.deletes.add(type + " " + kv.keyAsString() + " @" + revision);
		}

	}

	@Component("placeholderListener")
	static class PlaceholderListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch(key = "${app.flag-key}", id = "${app.watch-id}")
		void onFlag(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@EtcdWatch(prefix = true, events = WatchEvent.Type.PUT)
	@interface PutsUnder {

		@AliasFor(annotation = EtcdWatch.class, attribute = "key")
		String value();

	}

	@Component("metaAnnotatedListener")
	static class MetaAnnotatedListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@PutsUnder("/meta/")
		void onPut(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

	@Component("repeatedListener")
	static class RepeatedListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/one")
		@EtcdWatch("/two")
		void onChange(@EtcdKey String key, String value) {
			this.calls.add(key + "=" + value);
		}

	}

	@Component("failingListener")
	static class FailingListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EtcdWatch("/fragile")
		void onChange(Feature feature) {
			if (feature.name().equals("boom")) {
				throw new IllegalStateException("cannot handle " + feature.name());
			}
			this.calls.add(feature.name());
		}

	}

	@Component
	static class RecordingErrorHandler implements EtcdWatchErrorHandler {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handle(Exception exception, WatchEvent event, String endpointId) {
			String message = (exception instanceof IllegalStateException) ? ": " + exception.getMessage() : "";
			this.failures.add(endpointId + " " + event.type() + " " + event.kv().keyAsString() + " "
					+ exception.getClass().getSimpleName() + message);
		}

	}

}
