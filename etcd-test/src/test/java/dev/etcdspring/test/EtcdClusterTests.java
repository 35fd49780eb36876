package dev.etcdspring.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdCluster} against the real etcd binary.
 */
class EtcdClusterTests {

	@Test
	void startShouldFormClusterWithOneLeader() {
		try (EtcdCluster cluster = EtcdCluster.start(3)) {
			assertThat(cluster.members()).hasSize(3).allMatch(EtcdServer::isHealthy);
			assertThat(cluster.endpoints()).doesNotHaveDuplicates()
				.containsExactly(cluster.member(0).endpoint(), cluster.member(1).endpoint(),
						cluster.member(2).endpoint());
			EtcdctlResult members = cluster.etcdctl("member", "list");
			assertThat(members.exitCode()).as(members.stderr()).isZero();
			assertThat(members.stdout().lines()).hasSize(3).allMatch((line) -> line.contains("started"));
			assertThat(cluster.members()).contains(cluster.leader());
			EtcdServer follower = cluster.follower();
			assertThat(follower).isNotSameAs(cluster.leader());
			assertThat(cluster.endpointsExcept(follower)).hasSize(2).doesNotContain(follower.endpoint());
		}
	}

	@Test
	void killingLeaderShouldElectNewLeaderAndRestartShouldRejoin() {
		try (EtcdCluster cluster = EtcdCluster.start(3)) {
			assertThat(cluster.etcdctl("put", "before", "1").isSuccess()).isTrue();
			EtcdServer oldLeader = cluster.leader();
			oldLeader.kill();
			// leader() polls with a deadline until the survivors have elected someone.
			EtcdServer newLeader = cluster.leader();
			assertThat(newLeader).isNotSameAs(oldLeader);
			assertThat(newLeader.isRunning()).isTrue();
			EtcdctlResult put = newLeader.etcdctl("put", "after", "2");
			assertThat(put.exitCode()).as(put.stderr()).isZero();
			oldLeader.restart();
			assertThat(oldLeader.etcdctl("get", "before", "--print-value-only").stdout()).isEqualTo("1\n");
			assertThat(oldLeader.etcdctl("get", "after", "--print-value-only").stdout()).isEqualTo("2\n");
		}
	}

	@Test
	void pausingLeaderShouldElectNewLeaderAndResumeShouldRejoin() {
		try (EtcdCluster cluster = EtcdCluster.start(3)) {
			EtcdServer oldLeader = cluster.leader();
			oldLeader.pause();
			EtcdServer newLeader = cluster.leader();
			assertThat(newLeader).isNotSameAs(oldLeader);
			assertThat(newLeader.etcdctl("put", "while-paused", "x").isSuccess()).isTrue();
			oldLeader.resume();
			await().atMost(Duration.ofSeconds(30)).until(oldLeader::isHealthy);
			assertThat(cluster.members()).contains(cluster.leader());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> oldLeader.etcdctl("get", "while-paused", "--print-value-only", "--consistency=s")
					.stdout()
					.equals("x\n"));
		}
	}

	@Test
	void restartShouldBringBackClusterThatLostQuorum() {
		try (EtcdCluster cluster = EtcdCluster.start(3)) {
			assertThat(cluster.etcdctl("put", "durable", "yes").isSuccess()).isTrue();
			cluster.members().forEach(EtcdServer::kill);
			assertThat(cluster.members()).noneMatch(EtcdServer::isRunning);
			cluster.restart();
			assertThat(cluster.members()).allMatch(EtcdServer::isHealthy);
			assertThat(cluster.etcdctl("get", "durable", "--print-value-only").stdout()).isEqualTo("yes\n");
		}
	}

	@Test
	void closeShouldRemoveEveryMember() {
		EtcdCluster cluster = EtcdCluster.start(3);
		cluster.close();
		for (EtcdServer member : cluster.members()) {
			assertThat(member.isRunning()).isFalse();
			assertThat(member.dataDir().getParent()).doesNotExist();
		}
		cluster.close();
	}

}
