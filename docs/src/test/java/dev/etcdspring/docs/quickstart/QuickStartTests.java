package dev.etcdspring.docs.quickstart;

import java.util.UUID;

import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.context.LocalEtcd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's Quick start in a Spring Boot application against a real etcd: what a
 * user sees is {@code isOn} following the key, and one log line per change.
 */
@SpringBootTest
@LocalEtcd
@ExtendWith(OutputCaptureExtension.class)
class QuickStartTests {

	@Autowired
	EtcdTemplate etcd;

	@Autowired
	FeatureFlags flags;

	@Test
	void isOnShouldFollowTheKeyAndTheWatchShouldLogEveryChange(CapturedOutput output) {
		// @LocalEtcd shares one etcd between test classes: a flag of our own
		String flag = "quick-start-" + UUID.randomUUID();
		String key = "/flags/" + flag;
		assertThat(this.flags.isOn(flag)).isFalse();

		this.etcd.put(key, "on");
		assertThat(this.flags.isOn(flag)).isTrue();
		await().untilAsserted(() -> assertThat(output).contains("PUT " + key + " -> on"));

		this.etcd.put(key, "off");
		assertThat(this.flags.isOn(flag)).isFalse();
		await().untilAsserted(() -> assertThat(output).contains("PUT " + key + " -> off"));

		this.etcd.delete(key);
		assertThat(this.flags.isOn(flag)).isFalse();
		await().untilAsserted(() -> assertThat(output).contains("DELETE " + key + " -> null"));
	}

}
