package dev.etcdspring.client.mirror;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mirror whose only member dies while the others take writes, deletes and a compaction
 * past the mirror's revision: when the member is back, the mirror reads the prefix anew
 * and equals etcd again, deleted keys included, and goes on with later changes.
 */
class EtcdMirrorFaultTests {

	@RegisterExtension
	static EtcdServerExtension cluster = EtcdServerExtension.cluster(3);

	final String root = "/mirror-fault-" + UUID.randomUUID() + "/";

	@Test
	void mirrorShouldEqualEtcdAgainAfterItsMemberRestartedAcrossACompaction() {
		EtcdCluster members = cluster.cluster();
		// a follower: the others keep taking writes without an election
		EtcdServer victim = members.follower();
		List<MirrorChange> changes = new CopyOnWriteArrayList<>();
		try (EtcdClient mirrorClient = TestTransport.builder().endpoints(victim.endpoint()).build();
				EtcdClient writerClient = TestTransport.builder().endpoints(members.endpointsExcept(victim)).build()) {
			EtcdTemplate writer = new EtcdTemplate(writerClient);
			writer.put(this.root + "kept", "1");
			writer.put(this.root + "deleted", "1");
			long before = writer.put(this.root + "changed", "1");
			try (EtcdMirror mirror = EtcdMirror.builder(mirrorClient)
				.prefix(this.root)
				.listener(changes::add)
				.start()) {
				assertThat(mirror.awaitRevision(before, Duration.ofSeconds(30))).isTrue();
				victim.kill();
				writer.delete(this.root + "deleted");
				writer.put(this.root + "changed", "2");
				long compacted = writer.put(this.root + "added", "1");
				writerClient.kv().compact(compacted, true);
				assertThat(mirror.revision()).as("nothing applied while its member was down").isEqualTo(before);
				assertThat(mirror.get(this.root + "deleted")).as("last state still readable").contains("1");
				victim.restart();
				await("mirror resynchronized").atMost(Duration.ofSeconds(60))
					.until(() -> EtcdMirrorTests.values(mirror.entries()).equals(read(writerClient)));
				assertThat(EtcdMirrorTests.values(mirror.entries()))
					.isEqualTo(Map.of(this.root + "kept", "1", this.root + "changed", "2", this.root + "added", "1"));
				MirrorChange resync = changes.get(changes.size() - 1);
				assertThat(resync.kind()).isEqualTo(MirrorChange.Kind.RESYNCED);
				assertThat(resync.events()).extracting((event) -> event.type() + " " + event.kv().keyAsString())
					.containsExactlyInAnyOrder("DELETE " + this.root + "deleted", "PUT " + this.root + "changed",
							"PUT " + this.root + "added");
				assertThat(resync.events()).filteredOn((event) -> event.type() == WatchEvent.Type.DELETE)
					.singleElement()
					.satisfies((event) -> assertThat(event.revision()).isEqualTo(resync.revision()));

				long later = writer.put(this.root + "later", "1");
				assertThat(mirror.awaitRevision(later, Duration.ofSeconds(30))).isTrue();
				assertThat(mirror.get(this.root + "later")).contains("1");
				assertThat(mirror.isActive()).isTrue();
			}
		}
		finally {
			if (!victim.isRunning()) {
				victim.restart();
			}
		}
	}

	private Map<String, String> read(EtcdClient client) {
		Map<String, String> values = new java.util.TreeMap<>();
		client.kv()
			.range(RangeQuery.prefix(this.root))
			.kvs()
			.forEach((kv) -> values.put(kv.keyAsString(), kv.valueAsString()));
		return values;
	}

}
