package dev.etcdspring.test;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A three-member cluster that requires client certificates, through
 * {@link EtcdServerExtension#cluster(int)} and
 * {@link EtcdServerExtension#withClientCertificates()}.
 */
class EtcdTlsClusterTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3).withClientCertificates();

	@Test
	void everyMemberShouldServeTlsWithTheSameCertificates(EtcdCluster cluster) throws Exception {
		assertThat(cluster.endpoints()).hasSize(3).allMatch((endpoint) -> endpoint.startsWith("https://127.0.0.1:"));
		assertThat(cluster.tls()).isSameAs(cluster.member(0).tls()).isSameAs(etcd.tls());
		byte[] ca = Files.readAllBytes(cluster.tls().caCertificate());
		for (EtcdServer member : cluster.members()) {
			// every member owns a copy of the same certificates in its own temp dir
			assertThat(member.tls().caCertificate()).startsWith(member.dataDir().getParent()).hasBinaryContent(ca);
			assertThat(Http.health(member.endpoint(), cluster.tls().sslContext())).contains("\"health\":\"true\"");
		}
		EtcdctlResult members = etcd.etcdctl("member", "list");
		assertThat(members.exitCode()).as(members.stderr()).isZero();
		assertThat(members.stdout().lines()).hasSize(3).allMatch((line) -> line.contains("https://127.0.0.1:"));
	}

	@Test
	void killedLeaderShouldBeReplacedAndRejoinAfterRestart(EtcdCluster cluster) {
		assertThat(cluster.etcdctl("put", "before", "1").isSuccess()).isTrue();
		// leader() reads every member's status over https
		EtcdServer oldLeader = cluster.leader();
		oldLeader.kill();
		EtcdServer newLeader = cluster.leader();
		assertThat(newLeader).isNotSameAs(oldLeader);
		EtcdctlResult put = newLeader.etcdctl("put", "after", "2");
		assertThat(put.exitCode()).as(put.stderr()).isZero();
		oldLeader.restart();
		assertThat(oldLeader.isHealthy()).isTrue();
		assertThat(oldLeader.etcdctl("get", "before", "--print-value-only").stdout()).isEqualTo("1\n");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> oldLeader.etcdctl("get", "after", "--print-value-only", "--consistency=s")
				.stdout()
				.equals("2\n"));
	}

}
