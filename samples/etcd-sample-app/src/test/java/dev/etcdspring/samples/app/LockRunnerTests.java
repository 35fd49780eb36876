package dev.etcdspring.samples.app;

import java.time.Duration;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.context.LocalEtcd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock runner against a local etcd: it holds and releases the lock, and skips its
 * work while another instance holds the lock. A context of its own (the property), so
 * that the other tests still see their context's startup output.
 */
@SpringBootTest(properties = { "etcd.leader.enabled=false", "sample.live-greeting=false" })
@LocalEtcd
@ExtendWith(OutputCaptureExtension.class)
class LockRunnerTests {

	@Autowired
	LockRunner runner;

	@Autowired
	EtcdClient client;

	@Autowired
	EtcdServer etcd;

	@Test
	void runnerShouldHoldAndReleaseTheLock(CapturedOutput output) {
		this.runner.run(null);
		assertThat(output).containsPattern("LOCK /locks/sample-report held \\(fencing token \\d+\\)")
			.contains("UNLOCK /locks/sample-report");
		assertThat(this.etcd.etcdctl("get", "--prefix", LockRunner.LOCK + "/").stdout()).isEmpty();
	}

	@Test
	void runnerWhenAnotherInstanceHoldsTheLockShouldSkipTheReport(CapturedOutput output) throws Exception {
		try (EtcdSession other = EtcdSession.create(this.client, Duration.ofSeconds(10))) {
			EtcdLock lock = other.lock(LockRunner.LOCK);
			lock.lock();
			Thread runner = new Thread(() -> this.runner.run(null));
			runner.start();
			runner.join(10_000);
			assertThat(output).contains("LOCK /locks/sample-report is held by another instance: skipping the report");
			lock.unlock();
		}
	}

}
