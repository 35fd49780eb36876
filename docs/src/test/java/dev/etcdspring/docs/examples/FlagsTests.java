package dev.etcdspring.docs.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.mirror.MirrorChange;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's {@link Flags} against a real etcd: it reads its own writes and sees
 * others' from memory.
 */
class FlagsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void flagsShouldReadTheirOwnWritesAndOthersFromMemory() {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<MirrorChange> changes = new CopyOnWriteArrayList<>();
			try (Flags flags = new Flags(template);
					EtcdMirror witness = EtcdMirror.builder(client).prefix("/flags/").listener(changes::add).start()) {
				assertThat(flags.isOn("dark-mode")).isFalse();
				flags.turnOn("dark-mode");
				assertThat(flags.isOn("dark-mode")).isTrue();
				long off = template.put("/flags/dark-mode", "off");
				assertThat(witness.awaitRevision(off, Duration.ofSeconds(10))).isTrue();
				await().until(() -> !flags.isOn("dark-mode"));
				assertThat(changes).extracting(MirrorChange::revision).contains(off);
			}
		}
	}

}
