package dev.etcdspring.docs.config;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.docs.config.RateLimits.LimitsProperties;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's configuration example against a real etcd: the application starts
 * with the values under {@code /config/greeter/} and follows a transaction that changes
 * them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigImportTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void greeterShouldStartWithTheValuesInEtcdAndFollowTheirChanges(CapturedOutput output) {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			EtcdTemplate template = new EtcdTemplate(client);
			template.put("/config/greeter/greeting.salutation", "Hello");
			template.put("/config/greeter/greeting/name", "etcd");
			template.put("/config/greeter/application.yml", "limits:\n  per-minute: 100\n");
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GreeterApplication.class)
				.web(WebApplicationType.NONE)
				.run("--spring.config.import=etcd:/config/greeter/", "--etcd.endpoints=" + etcd.endpoint())) {
				Greeter greeter = context.getBean(Greeter.class);
				RateLimits limits = context.getBean(RateLimits.class);
				assertThat(greeter.greet()).isEqualTo("Hello, etcd!");
				assertThat(limits.current()).containsExactly(100, 10);

				long revision = template.txn()
					.thenPut("/config/greeter/greeting.salutation", "Hi")
					.thenPut("/config/greeter/greeting/name", "world")
					.thenPut("/config/greeter/application.yml", "limits:\n  per-minute: 50\n  burst: 5\n")
					.commit()
					.revision();
				await().until(() -> greeter.greet().equals("Hi, world!"));
				assertThat(limits.current()).containsExactly(50, 5);
				await().untilAsserted(() -> assertThat(output).contains("etcd revision " + revision
						+ " changed [greeting.name, greeting.salutation, limits.burst, limits.per-minute]"));
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties({ GreetingProperties.class, LimitsProperties.class })
	@Import({ Greeter.class, RateLimits.class })
	static class GreeterApplication {

	}

}
