package dev.etcdspring.client.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@link EtcdWatch @EtcdWatch} method that keeps state from its calls, across a
 * compaction of the history it missed while its only member was down: it gets the current
 * values and a DELETE for each key deleted meanwhile, so its state equals a fresh read.
 */
class EtcdWatchResyncTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static EtcdServerExtension cluster = EtcdServerExtension.cluster(3);

	private final String namespace = EtcdWatchContexts.newNamespace();

	@Test
	void methodKeepingStateShouldMatchAFreshReadAfterACompactionItMissed() {
		EtcdCluster members = cluster.cluster();
		// not the leader: the others go on taking writes without an election
		EtcdServer victim = members.follower();
		List<String> others = members.endpointsExcept(victim);
		try (EtcdClient writer = TestTransport.builder().endpoints(others).build();
				AnnotationConfigApplicationContext context = EtcdWatchContexts.run(victim.endpoint(), this.namespace,
						Map.of(), StateKeeper.class)) {
			StateKeeper keeper = context.getBean(StateKeeper.class);
			put(writer, "/config/a", "1");
			put(writer, "/config/b", "1");
			put(writer, "/config/c", "1");
			await("the method saw every key").atMost(WAIT)
				.until(() -> keeper.state().equals(Map.of("/config/a", "1", "/config/b", "1", "/config/c", "1")));
			victim.kill();
			members.leader();
			put(writer, "/config/a", "2");
			delete(writer, "/config/b");
			long compacted = put(writer, "/config/d", "1");
			writer.kv().compact(compacted, true);
			delete(writer, "/config/c");
			victim.restart();
			Map<String, String> expected = Map.of("/config/a", "2", "/config/d", "1");
			await("state resynced after the compaction").atMost(WAIT).until(() -> keeper.state().equals(expected));
			assertThat(keeper.state()).isEqualTo(read(writer));
			put(writer, "/config/e", "1");
			await("changes after the resync").atMost(WAIT)
				.until(() -> keeper.state().equals(Map.of("/config/a", "2", "/config/d", "1", "/config/e", "1")));
		}
		finally {
			if (!victim.isRunning()) {
				victim.restart();
			}
		}
	}

	private long put(EtcdClient client, String key, String value) {
		return client.kv().put(PutRequest.of(bytes(this.namespace + key), bytes(value))).header().revision();
	}

	private void delete(EtcdClient client, String key) {
		client.kv().delete(DeleteRequest.key(bytes(this.namespace + key)));
	}

	private Map<String, String> read(EtcdClient client) {
		Map<String, String> state = new TreeMap<>();
		for (KeyValue kv : client.kv().range(RangeQuery.prefix(bytes(this.namespace + "/config/"))).kvs()) {
			state.put(new String(kv.key(), StandardCharsets.UTF_8).substring(this.namespace.length()),
					new String(kv.value(), StandardCharsets.UTF_8));
		}
		return state;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Keeps what a configuration holder would: the current value of every key. */
	static class StateKeeper {

		private final Map<String, String> state = new ConcurrentHashMap<>();

		@EtcdWatch(value = "/config/", prefix = true)
		void changed(@EtcdKey String key, @Nullable String value) {
			if (value != null) {
				this.state.put(key, value);
			}
			else {
				this.state.remove(key);
			}
		}

		Map<String, String> state() {
			return new TreeMap<>(this.state);
		}

	}

}
