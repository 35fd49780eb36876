package dev.etcdspring.client.maintenance;

import java.time.Duration;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A NOSPACE alarm raised on a real etcd with a tiny quota, listed and disarmed.
 */
class AlarmTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--quota-backend-bytes=" + 2 * 1024 * 1024);

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@Test
	void noSpaceAlarmShouldBeListedAndDisarmedOnceSpaceIsFreed() {
		MaintenanceClient maintenance = client.maintenance();
		assertThat(maintenance.alarms()).isEmpty();
		EtcdTemplate template = new EtcdTemplate(client);
		String value = "z".repeat(500_000);
		EtcdException full = null;
		for (int i = 0; i < 40 && full == null; i++) {
			try {
				template.put("/alarm/fill-" + i, value);
			}
			catch (EtcdException ex) {
				full = ex;
			}
		}
		assertThat(full).as("the quota was never exceeded").isNotNull();
		assertThat(full.getMessage()).contains("database space exceeded");
		long memberId = maintenance.status(etcd.endpoint()).header().memberId();
		assertThat(maintenance.alarms()).containsExactly(new Alarm(memberId, AlarmType.NOSPACE));

		template.deletePrefix("/alarm/");
		// at the current revision: the put refused for space may still have been applied
		client.kv().compact(maintenance.status(etcd.endpoint()).header().revision(), true);
		maintenance.defragment(etcd.endpoint(), Duration.ofMinutes(1));
		assertThat(maintenance.disarmAll()).containsExactly(new Alarm(memberId, AlarmType.NOSPACE));
		assertThat(maintenance.alarms()).isEmpty();
		template.put("/alarm/after", "fits again");
		assertThat(template.get("/alarm/after")).contains("fits again");
	}

	@Test
	void disarmShouldRejectAnUnknownType() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.maintenance().disarm(new Alarm(1, AlarmType.UNKNOWN)))
			.withMessageContaining("unknown to this client");
	}

}
