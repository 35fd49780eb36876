package dev.etcdspring.docs.cluster;

import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdJoiningMember;
import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's {@link ClusterGrowth} against a real etcd that a second real etcd
 * joins as a learner.
 */
class ClusterGrowthTests {

	@Test
	void learnerShouldJoinBePromotedAndRetired() throws InterruptedException {
		try (EtcdCluster cluster = EtcdCluster.start(1);
				EtcdClient client = EtcdClient.create(cluster.member(0).endpoint())) {
			ClusterGrowth growth = new ClusterGrowth(client);
			EtcdJoiningMember joining = EtcdJoiningMember.of(cluster);
			String flags = growth.addLearner(joining.name(), joining.peerUrl());
			assertThat(flags).contains("--initial-cluster-state existing")
				.contains("etcd-0=http://127.0.0.1:" + cluster.member(0).peerPort())
				.contains(joining.name() + "=" + joining.peerUrl());
			Member learner = client.cluster().members().stream().filter(Member::learner).findFirst().orElseThrow();
			try (EtcdServer server = joining.start()) {
				List<Member> members = growth.promote(learner.id(), Duration.ofSeconds(60));
				assertThat(members).hasSize(2).noneMatch(Member::learner);
				// etcd removes a voter only once the others have been connected to it for
				// 5 s
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(500))
					.ignoreExceptionsMatching((ex) -> ex instanceof EtcdUnavailableException unavailable
							&& unavailable.getError() == EtcdError.UNHEALTHY_CLUSTER)
					.untilAsserted(() -> growth.retire(learner.id()));
				assertThat(client.cluster().members()).extracting(Member::name).containsExactly("etcd-0");
				await().atMost(Duration.ofSeconds(30)).until(() -> !server.isRunning());
			}
		}
	}

}
