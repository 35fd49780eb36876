package dev.etcdspring.docs.maintenance;

import java.io.IOException;
import java.nio.file.Path;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's {@link ClusterMaintenance} against a real 3-member cluster.
 */
class ClusterMaintenanceTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

	@Test
	void nightlyShouldSaveASnapshotThatEtcdctlReads(@TempDir Path dir) throws IOException {
		Path backup = dir.resolve("etcd.db");
		try (EtcdClient client = EtcdClient.create(etcd.endpoints().toArray(String[]::new))) {
			new ClusterMaintenance().nightly(client, backup);
		}
		EtcdctlResult status = etcd.etcdctl("snapshot", "status", backup.toString());
		assertThat(status.isSuccess()).as(status.stderr()).isTrue();
	}

	@Test
	void beforeStoppingShouldMoveTheLeadershipAway() {
		EtcdServer leader = etcd.cluster().leader();
		try (EtcdClient client = EtcdClient.create(etcd.endpoints().toArray(String[]::new))) {
			new ClusterMaintenance().beforeStopping(client, leader.endpoint());
			assertThat(client.maintenance().status(leader.endpoint()).isLeader()).isFalse();
		}
	}

}
