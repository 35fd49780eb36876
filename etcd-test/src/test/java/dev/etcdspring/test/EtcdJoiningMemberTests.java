package dev.etcdspring.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdJoiningMember}: a real etcd joins a running cluster, added with
 * etcdctl as a learner.
 */
class EtcdJoiningMemberTests {

	@Test
	void addedLearnerShouldJoinAndReceiveTheData() {
		try (EtcdCluster cluster = EtcdCluster.start(1)) {
			assertThat(cluster.etcdctl("put", "before-join", "1").isSuccess()).isTrue();
			EtcdJoiningMember joining = EtcdJoiningMember.of(cluster);
			EtcdctlResult add = cluster.etcdctl("member", "add", joining.name(), "--learner",
					"--peer-urls=" + joining.peerUrl());
			assertThat(add.exitCode()).as(add.stderr()).isZero();
			try (EtcdServer learner = joining.start()) {
				assertThat(learner.isHealthy()).isTrue();
				assertThat(learner.name()).isEqualTo(joining.name());
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(cluster.etcdctl("member", "list")
						.stdout()
						.lines()
						.filter((line) -> line.contains(joining.name()))).singleElement()
						.satisfies((line) -> assertThat(line).contains("started", joining.peerUrl(), learner.endpoint(),
								"true")));
				// a learner serves serializable reads of what it replicated
				await().atMost(Duration.ofSeconds(30))
					.until(() -> learner.etcdctl("get", "before-join", "--print-value-only", "--consistency=s")
						.stdout()
						.equals("1\n"));
			}
		}
	}

	@Test
	void startWithoutAddingShouldSayToAddTheMemberFirst() {
		try (EtcdCluster cluster = EtcdCluster.start(1)) {
			EtcdJoiningMember joining = EtcdJoiningMember.of(cluster);
			assertThatIllegalStateException().isThrownBy(joining::start)
				.withMessageContaining("has the peer URL " + joining.peerUrl())
				.withMessageContaining("add the member first");
		}
	}

}
