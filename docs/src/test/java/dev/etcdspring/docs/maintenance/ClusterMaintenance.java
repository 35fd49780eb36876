package dev.etcdspring.docs.maintenance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.maintenance.Alarm;
import dev.etcdspring.client.maintenance.MaintenanceClient;
import dev.etcdspring.client.maintenance.MemberStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's maintenance examples; {@link ClusterMaintenanceTests} runs them.
 */
class ClusterMaintenance {

	private static final Logger log = LoggerFactory.getLogger(ClusterMaintenance.class);

	// tag::maintenance[]
	void nightly(EtcdClient client, Path backup) throws IOException {
		MaintenanceClient maintenance = client.maintenance();
		// one entry per member: one that is down has a failure instead of a status
		for (MemberStatus member : maintenance.memberStatuses()) {
			if (!member.isReachable()) {
				log.warn("etcd member {} is down: {}", member.member().name(), member.failure().getMessage());
			}
		}
		// streamed and checked as it arrives; etcdctl snapshot restore reads it
		try (OutputStream out = Files.newOutputStream(backup)) {
			maintenance.snapshot(out);
		}
		// give back what compaction freed, one member at a time, the leader last
		maintenance.defragmentAll();
		// NOSPACE refuses every write until space is freed and the alarm disarmed
		for (Alarm alarm : maintenance.alarms()) {
			log.warn("etcd alarm: {}", alarm);
		}
	}

	void beforeStopping(EtcdClient client, String endpoint) {
		MaintenanceClient maintenance = client.maintenance();
		if (maintenance.status(endpoint).isLeader()) {
			// to a member that answers: cheaper than an election
			maintenance.memberStatuses()
				.stream()
				.filter((member) -> member.isReachable() && !member.isLeader())
				.findFirst()
				.ifPresent((next) -> maintenance.moveLeader(next.member().id()));
		}
	}
	// end::maintenance[]

}
