package dev.etcdspring.docs.locks;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's {@link Housekeeping} in a Spring Boot application with
 * {@code etcd.leader.enabled=true}, against a real etcd.
 */
@ExtendWith(OutputCaptureExtension.class)
class HousekeepingTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void leaderShouldPurgeAndHandOver(CapturedOutput output) {
		assertThat(etcd.etcdctl("put", "/tmp/a", "1").isSuccess()).isTrue();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HousekeepingApplication.class)
			.web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpoint(), "--etcd.leader.enabled=true",
					"--spring.application.name=housekeeping", "--etcd.leader.value=node-1")) {
			Housekeeping housekeeping = context.getBean(Housekeeping.class);
			EtcdClient client = context.getBean(EtcdClient.class);
			await().untilAsserted(() -> assertThat(output).contains("node-1 leads /elections/housekeeping"));
			assertThat(housekeeping.purgeTemporaryKeys(client)).isTrue();
			assertThat(etcd.etcdctl("get", "--prefix", "/tmp/").stdout()).isEmpty();
			housekeeping.handOver();
			await().untilAsserted(() -> assertThat(output).contains("node-1 no longer leads /elections/housekeeping"));
			// alone in the election: leads again after the pause
			await().untilAsserted(() -> assertThat(output.toString().split("node-1 leads")).hasSize(3));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Housekeeping.class)
	static class HousekeepingApplication {

	}

}
