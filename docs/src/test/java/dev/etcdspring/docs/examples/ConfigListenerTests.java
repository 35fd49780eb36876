package dev.etcdspring.docs.examples;

import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.docs.examples.EtcdTemplateTour.Feature;
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
 * Runs the README's {@link ConfigListener} in a Spring Boot application against a real
 * etcd: each method logs the changes it is made for.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigListenerTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void methodsShouldBeCalledForTheirChanges(CapturedOutput output) {
		// initial = true: a value stored before the application starts is delivered too
		assertThat(etcd.etcdctl("put", "/myapp/feature-x", "{\"name\":\"x\",\"enabled\":true}").isSuccess()).isTrue();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ListenerApplication.class)
			.web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpoint(), "--app.etcd.root=/myapp")) {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			await().untilAsserted(() -> assertThat(output).contains("feature-x is now Feature[name=x, enabled=true]"));

			template.put("/myapp/feature-x", new Feature("x", false));
			template.delete("/myapp/feature-x");
			template.put("/flags/dark-mode", "on");
			long deleted = template.put("/flags/dark-mode", "off") + 1;
			template.delete("/flags/dark-mode");
			template.put("/limits/upload", 10);
			template.put("/limits/upload", 20);

			await().untilAsserted(() -> assertThat(output).contains("feature-x is now Feature[name=x, enabled=false]")
				.contains("feature-x is now null")
				.contains("/flags/dark-mode deleted at revision " + deleted)
				.contains("/limits/upload changed from null to 10")
				.contains("/limits/upload changed from 10 to 20"));
			// events = DELETE: the puts of the flag are not delivered
			assertThat(output).containsOnlyOnce("/flags/dark-mode deleted");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ConfigListener.class)
	static class ListenerApplication {

	}

}
