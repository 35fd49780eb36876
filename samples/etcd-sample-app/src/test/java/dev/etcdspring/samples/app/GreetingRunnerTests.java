package dev.etcdspring.samples.app;

import dev.etcdspring.client.template.EtcdTemplate;
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
 * How an application tests its etcd code: {@link LocalEtcd @LocalEtcd} starts a real etcd
 * and points {@code etcd.endpoints} at it, so the runner did its work against it while
 * the context started.
 * <p>
 * {@code @LocalEtcd} sets {@code etcd.endpoints} once the environment is prepared, after
 * {@code spring.config.import} has read it: the import cannot follow this etcd, so the
 * live greeting is left out here ({@link SampleApplicationTests} runs it).
 */
@SpringBootTest(properties = "sample.live-greeting=false")
@LocalEtcd
@ExtendWith(OutputCaptureExtension.class)
class GreetingRunnerTests {

	@Autowired
	GreetingRunner runner;

	@Autowired
	EtcdTemplate template;

	@Autowired
	EtcdServer etcd;

	@Test
	void runnerShouldHaveGreetedTheLocalEtcdAndCleanedUp(CapturedOutput output) {
		assertThat(this.template.getClient().endpoints()).containsExactly(this.etcd.endpoint());
		assertThat(this.runner.getExitCode()).isZero();
		assertThat(output).contains("GET /sample/greeting -> hello").contains("DELETE /sample/greeting");
		assertThat(this.etcd.etcdctl("get", "--prefix", GreetingRunner.PREFIX, "--keys-only").stdout()).isBlank();
	}

}
