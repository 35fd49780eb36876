package dev.etcdspring.samples.app;

import dev.etcdspring.client.leader.EtcdLeaderInitiator;
import dev.etcdspring.test.EtcdServer;
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
 * The sample campaigns in {@code /elections/etcd-sample} and, alone there, leads. A
 * context of its own (the property), so that the other tests still see their context's
 * startup output.
 */
@SpringBootTest(properties = { "etcd.leader.ttl=10s", "sample.live-greeting=false" })
@LocalEtcd
@ExtendWith(OutputCaptureExtension.class)
class LeaderLoggerTests {

	@Autowired
	EtcdLeaderInitiator initiator;

	@Autowired
	EtcdServer etcd;

	@Test
	void sampleShouldLeadItsElectionAndLogIt(CapturedOutput output) {
		await().untilAsserted(() -> assertThat(output)
			.contains("LEADER " + this.initiator.getValue() + " leads /elections/etcd-sample"));
		assertThat(this.initiator.isLeader()).isTrue();
		assertThat(this.etcd.etcdctl("get", "--prefix", "--print-value-only", "/elections/etcd-sample/").stdout())
			.isEqualTo(this.initiator.getValue() + "\n");
	}

}
