package dev.etcdspring.client.cluster;

import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Members, status and failover on a real 3-member cluster.
 */
class ClusterTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@Test
	void membersShouldListEveryMember() {
		List<Member> members = client.cluster().members();
		assertThat(members).hasSize(3);
		assertThat(members).flatExtracting(Member::clientUrls).containsExactlyInAnyOrderElementsOf(etcd.endpoints());
	}

	@Test
	void idsShouldPrintInHexAsEtcdctlWritesThem() {
		// etcdctl's table: "ID, STATUS, NAME, PEER ADDRS, CLIENT ADDRS, IS LEARNER"
		List<String> etcdctlIds = etcd.etcdctl("member", "list")
			.stdout()
			.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.substring(0, line.indexOf(',')))
			.toList();
		List<Member> members = client.cluster().members();
		assertThat(members).extracting((member) -> member.toString().replaceAll("^Member\\[id=([0-9a-f]+),.*$", "$1"))
			.containsExactlyInAnyOrderElementsOf(etcdctlIds);
		EndpointStatus status = client.cluster().status(etcd.endpoints().get(0));
		assertThat(etcdctlIds).contains(Long.toHexString(status.header().memberId()));
		assertThat(status.toString()).contains("member=" + Long.toHexString(status.header().memberId()))
			.contains("leader=" + Long.toHexString(status.leader()))
			.doesNotContain("-");
	}

	@Test
	void idsAbove2To63ShouldPrintUnsigned() {
		Member member = new Member(0x9c368bf6e44bc157L, "m1", List.of(), List.of(), false);
		assertThat(member.toString()).startsWith("Member[id=9c368bf6e44bc157, name=m1");
		assertThat(new dev.etcdspring.client.lease.Lease(0xfedcba9876543210L, java.time.Duration.ofSeconds(5)))
			.hasToString("Lease[id=fedcba9876543210, ttl=PT5S]");
	}

	@Test
	void statusShouldNameTheLeader() {
		EtcdCluster cluster = etcd.cluster();
		String leaderEndpoint = cluster.leader().endpoint();
		EndpointStatus status = client.cluster().status(leaderEndpoint);
		assertThat(status.isLeader()).isTrue();
		assertThat(status.version()).startsWith("3.");
		for (String endpoint : etcd.endpoints()) {
			assertThat(client.cluster().status(endpoint).leader()).isEqualTo(status.leader());
		}
	}

	@Test
	void readsAndWritesShouldContinueWhenAMemberDies() {
		EtcdTemplate template = new EtcdTemplate(client);
		template.put("/failover/before", "1");
		// kill the member the client talks to first; the others keep quorum
		etcd.cluster().member(0).kill();
		try {
			assertThat(template.get("/failover/before")).contains("1");
			template.put("/failover/after", "2");
			assertThat(template.get("/failover/after")).contains("2");
		}
		finally {
			etcd.cluster().member(0).restart();
		}
	}

	@Test
	void writeToAMemberWithoutLeaderShouldBeUnavailableNotOfUnknownOutcome() {
		EtcdCluster cluster = etcd.cluster();
		EtcdServer survivor = cluster.follower();
		List<EtcdServer> others = cluster.members().stream().filter((member) -> member != survivor).toList();
		others.forEach(EtcdServer::kill);
		try (EtcdClient alone = TestTransport.builder()
			.endpoints(survivor.endpoint())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			EtcdTemplate template = new EtcdTemplate(alone);
			// until the survivor's election timeout it still believes in the dead leader:
			// its writes time out, with an unknown outcome
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				EtcdException failure = catchThrowableOfType(EtcdException.class,
						() -> template.put("/no-leader", "x"));
				assertThat(failure).isInstanceOf(EtcdUnavailableException.class);
				assertThat(((EtcdUnavailableException) failure).getError()).isEqualTo(EtcdError.NO_LEADER);
			});
		}
		finally {
			others.forEach(EtcdServer::restart);
		}
	}

}
