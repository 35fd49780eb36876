package dev.etcdspring.docs.locks;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's {@link PlainLocks} against a real etcd.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlainLocksTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void nightlyReportShouldWriteUnderTheLockAndReleaseIt() {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			assertThat(new PlainLocks().nightlyReport(client)).isTrue();
		}
		assertThat(etcd.etcdctl("get", "/reports/nightly", "--print-value-only").stdout()).startsWith("done by ");
		assertThat(etcd.etcdctl("get", "--prefix", "/locks/nightly-report/").stdout()).isEmpty();
	}

	@Test
	void scheduleShouldLeadProclaimAndResign(CapturedOutput output) throws InterruptedException {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			new PlainLocks().schedule(client);
		}
		// the observer's lines come from a watch closed with the session: not asserted
		assertThat(output).doesNotContain("no longer the scheduler");
		assertThat(etcd.etcdctl("get", "--prefix", "/elections/scheduler/").stdout()).isEmpty();
	}

}
