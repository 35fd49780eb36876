package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AppProperties;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AtomicProperties;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AtomicRecord;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.Events;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's only etcd member dies while the others take changes (a delete among
 * them) and a compaction removes the history its import needs: when the member is back,
 * the import reads the path anew and the beans equal etcd's state again, and later
 * changes keep coming.
 */
class EtcdConfigFaultTests {

	@RegisterExtension
	static EtcdServerExtension cluster = EtcdServerExtension.cluster(3);

	final String root = "/config-fault-" + UUID.randomUUID() + "/app/";

	@Test
	void importWhenItsMemberRestartsAcrossACompactionShouldEqualEtcdAgainDeletedKeysIncluded() {
		EtcdCluster members = cluster.cluster();
		// a follower: the others keep taking writes without an election
		EtcdServer victim = members.follower();
		try (EtcdClient writerClient = EtcdClient.create(members.endpointsExcept(victim).toArray(new String[0]))) {
			EtcdTemplate writer = new EtcdTemplate(writerClient);
			writer.put(this.root + "app.greeting", "hello");
			writer.put(this.root + "app/size", "2");
			setAtomic(writer, "1");
			try (ConfigurableApplicationContext context = ConfigTestApplication
				.run("--spring.config.import=etcd:" + this.root, "--etcd.endpoints=" + victim.endpoint())) {
				AppProperties app = context.getBean(AppProperties.class);
				AtomicProperties atomic = context.getBean(AtomicProperties.class);
				ConfigurationPropertiesSnapshots snapshots = context.getBean(ConfigurationPropertiesSnapshots.class);
				Events events = context.getBean(Events.class);
				assertThat(app.getGreeting()).isEqualTo("hello");
				// its watch starts with the context: let it be there before the member
				// dies,
				// so that it resumes across the compaction instead of starting after it
				long following = writer.put(this.root + "following", "yes");
				await("the import follows etcd").atMost(Duration.ofSeconds(30))
					.until(() -> events.lastRevision() >= following);

				victim.kill();
				writer.delete(this.root + "app.greeting");
				writer.put(this.root + "app/name", "added while down");
				long compacted = setAtomic(writer, "2");
				writerClient.kv().compact(compacted, true);
				assertThat(app.getGreeting()).as("nothing applied while the member was down").isEqualTo("hello");
				victim.restart();

				await("the import read anew").atMost(Duration.ofSeconds(60))
					.until(() -> events.lastRevision() >= compacted);
				assertThat(app.getGreeting()).as("deleted key: default again").isEqualTo("default greeting");
				assertThat(app.getName()).isEqualTo("added while down");
				assertThat(app.getSize()).isEqualTo(2);
				synchronized (atomic) {
					assertThat(List.of(atomic.getA(), atomic.getB(), atomic.getC())).containsOnly("2");
				}
				assertThat(snapshots.get(AtomicRecord.class)).isEqualTo(new AtomicRecord("2", "2", "2"));
				assertThat(context.getEnvironment().containsProperty("app.greeting")).isFalse();
				assertThat(events.changed.get(events.changed.size() - 1).getKeys()).contains("app.greeting", "app.name",
						"atomic.a", "atomic.b", "atomic.c");
				assertThat(events.failed).isEmpty();

				long later = setAtomic(writer, "3");
				await("changes after the resync").atMost(Duration.ofSeconds(30))
					.until(() -> events.lastRevision() == later);
				assertThat(snapshots.get(AtomicRecord.class)).isEqualTo(new AtomicRecord("3", "3", "3"));
			}
		}
		finally {
			if (!victim.isRunning()) {
				victim.restart();
			}
		}
	}

	private long setAtomic(EtcdTemplate writer, String value) {
		return writer.txn()
			.thenPut(this.root + "atomic.a", value)
			.thenPut(this.root + "atomic.b", value)
			.thenPut(this.root + "atomic.c", value)
			.commit()
			.revision();
	}

}
