package dev.etcdspring.client.maintenance;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Status, defragmentation, hashes and leader transfer on a real 3-member cluster.
 */
class MaintenanceTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@Test
	void memberStatusesShouldHaveOneEntryPerMemberAndOneLeader() {
		List<MemberStatus> statuses = client.maintenance().memberStatuses();
		assertThat(statuses).hasSize(3).allMatch(MemberStatus::isReachable);
		assertThat(statuses).extracting(MemberStatus::endpoint).containsExactlyInAnyOrderElementsOf(etcd.endpoints());
		assertThat(statuses).filteredOn(MemberStatus::isLeader)
			.singleElement()
			.extracting(MemberStatus::endpoint)
			.isEqualTo(etcd.cluster().leader().endpoint());
		for (MemberStatus status : statuses) {
			assertThat(status.status().header().memberId()).isEqualTo(status.member().id());
		}
	}

	@Test
	void memberStatusesShouldReportADeadMemberAsAFailedEntry() {
		EtcdServer dead = etcd.cluster().follower();
		dead.kill();
		try {
			List<MemberStatus> statuses = client.maintenance().memberStatuses();
			assertThat(statuses).hasSize(3);
			assertThat(statuses).filteredOn((status) -> !status.isReachable()).singleElement().satisfies((status) -> {
				assertThat(status.endpoint()).isEqualTo(dead.endpoint());
				assertThat(status.failure()).isInstanceOf(EtcdConnectionException.class);
				assertThat(status.toString()).contains("failure=");
			});
			assertThat(statuses).filteredOn(MemberStatus::isReachable).hasSize(2);
		}
		finally {
			dead.restart();
		}
	}

	@Test
	void defragmentShouldShrinkTheDatabaseAfterCompaction() {
		String endpoint = etcd.endpoints().get(0);
		EtcdTemplate template = new EtcdTemplate(client);
		String value = "x".repeat(100_000);
		long revision = 0;
		for (int i = 0; i < 50; i++) {
			revision = template.put("/defrag/big", value);
		}
		template.delete("/defrag/big");
		client.kv().compact(revision, true);
		long before = client.maintenance().status(endpoint).dbSize();
		client.maintenance().defragment(endpoint, Duration.ofMinutes(1));
		long after = client.maintenance().status(endpoint).dbSize();
		assertThat(after).isLessThan(before);
	}

	@Test
	void defragmentAllShouldDefragmentEveryMemberLeaderLastAndLogEach() {
		String leader = etcd.cluster().leader().endpoint();
		try (LogCapture log = LogCapture.start("dev.etcdspring.client.internal.maintenance", Level.INFO)) {
			List<MemberStatus> statuses = client.maintenance().defragmentAll();
			assertThat(statuses).hasSize(3).allMatch(MemberStatus::isReachable);
			List<String> lines = log.events("dev.etcdspring", "Defragmented etcd member")
				.stream()
				.map((event) -> event.getFormattedMessage())
				.toList();
			assertThat(lines).hasSize(3);
			assertThat(lines.get(2)).contains(" at " + leader + " ");
		}
	}

	@Test
	void defragmentShouldRejectANonPositiveTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.maintenance().defragment(etcd.endpoints().get(0), Duration.ZERO))
			.withMessageContaining("timeout must be positive");
	}

	@Test
	void hashShouldAnswerPerMember() {
		for (String endpoint : etcd.endpoints()) {
			MemberHash hash = client.maintenance().hash(endpoint);
			EndpointStatus status = client.maintenance().status(endpoint);
			assertThat(hash.header().memberId()).isEqualTo(status.header().memberId());
			assertThat(hash.hash()).isBetween(0L, 0xffffffffL);
		}
	}

	@Test
	void hashKvShouldMatchAcrossMembersOrSayTheGatewayLacksIt() {
		EtcdTemplate template = new EtcdTemplate(client);
		template.put("/hashkv/a", "1");
		long revision = template.put("/hashkv/b", "2");
		String version = client.maintenance().status(etcd.endpoints().get(0)).version();
		if (version.startsWith("3.4.")) {
			// etcd 3.4's gateway routes HashKV nowhere (etcd pull request 16490)
			assertThatExceptionOfType(EtcdServerException.class)
				.isThrownBy(() -> client.maintenance().hashKv(etcd.endpoints().get(0), revision))
				.withMessageContaining("does not serve HashKV")
				.withMessageContaining("3.5.10");
			return;
		}
		List<Long> hashes = etcd.endpoints()
			.stream()
			.map((endpoint) -> client.maintenance().hashKv(endpoint, revision).hash())
			.toList();
		assertThat(hashes).containsOnly(hashes.get(0));
	}

	@Test
	void moveLeaderShouldMakeTheTargetLead() {
		EtcdCluster cluster = etcd.cluster();
		EndpointStatus follower = client.maintenance().status(cluster.follower().endpoint());
		long target = follower.header().memberId();
		client.maintenance().moveLeader(target);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(client.maintenance().memberStatuses()).filteredOn(MemberStatus::isLeader)
				.singleElement()
				.extracting((status) -> status.member().id())
				.isEqualTo(target));
		// moving to the leader itself changes nothing
		client.maintenance().moveLeader(target);
		assertThat(client.maintenance().status(cluster.leader().endpoint()).header().memberId()).isEqualTo(target);
	}

	@Test
	void moveLeaderShouldRejectAnUnknownMember() {
		List<Long> ids = client.cluster().members().stream().map(Member::id).toList();
		long unknown = ids.stream().mapToLong(Long::longValue).sum() + 1;
		assertThatIllegalArgumentException().isThrownBy(() -> client.maintenance().moveLeader(unknown))
			.withMessageContaining("No member with id " + Long.toHexString(unknown));
	}

}
