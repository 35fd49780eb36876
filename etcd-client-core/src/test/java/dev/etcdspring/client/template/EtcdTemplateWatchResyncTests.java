package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdWatchSpec#resyncOnCompaction()} through the public API: a listener that
 * missed history to a compaction, while its only member was down, is told of the keys
 * deleted in that history before it gets the current state.
 */
class EtcdTemplateWatchResyncTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static EtcdServerExtension cluster = EtcdServerExtension.cluster(3);

	private final String namespace = "/resync-" + UUID.randomUUID();

	@Test
	void resyncOnCompactionWhenKeysVanishedShouldDeliverADeleteForEachBeforeTheSnapshot() {
		EtcdCluster members = cluster.cluster();
		// not the leader: the others go on taking writes without an election
		EtcdServer victim = members.follower();
		Recorder recorder = new Recorder();
		try (EtcdClient writer = TestTransport.builder().endpoints(members.endpointsExcept(victim)).build();
				EtcdClient reader = TestTransport.builder().endpoints(victim.endpoint()).build();
				Watch watch = new EtcdTemplate(reader, EtcdSerializer.standard(), this.namespace).watch("/config/")
					.prefix()
					.resyncOnCompaction()
					.subscribe(recorder)) {
			put(writer, "/config/a", "1");
			put(writer, "/config/b", "1");
			put(writer, "/config/c", "1");
			List<String> before = List.of("PUT /config/a=1", "PUT /config/b=1", "PUT /config/c=1");
			await("the listener saw every key").atMost(WAIT).until(() -> recorder.calls.equals(before));
			victim.kill();
			members.leader();
			put(writer, "/config/a", "2");
			delete(writer, "/config/b");
			long compacted = put(writer, "/config/d", "1");
			writer.kv().compact(compacted, true);
			delete(writer, "/config/c");
			victim.restart();
			await("the resync snapshot").atMost(WAIT).until(() -> recorder.snapshotRevision.get() > 0);
			long snapshot = recorder.snapshotRevision.get();
			assertThat(recorder.calls).containsExactly("PUT /config/a=1", "PUT /config/b=1", "PUT /config/c=1",
					"COMPACTED @" + compacted, "DELETE /config/b @" + snapshot, "DELETE /config/c @" + snapshot,
					"SNAPSHOT @" + snapshot + " [/config/a=2, /config/d=1]");
			assertThat(watch.isActive()).isTrue();
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Records every call, keys as the listener sees them (without the namespace). */
	static class Recorder implements WatchListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final AtomicLong snapshotRevision = new AtomicLong();

		@Override
		public void onEvent(WatchEvent event) {
			this.calls.add((event.type() == WatchEvent.Type.PUT)
					? "PUT " + event.kv().keyAsString() + "=" + event.kv().valueAsString()
					: "DELETE " + event.kv().keyAsString() + " @" + event.revision());
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			this.calls.add("SNAPSHOT @" + revision + " "
					+ kvs.stream().map((kv) -> kv.keyAsString() + "=" + kv.valueAsString()).toList());
			this.snapshotRevision.set(revision);
		}

		@Override
		public void onCompacted(long compactRevision) {
			this.calls.add("COMPACTED @" + compactRevision);
		}

	}

}
