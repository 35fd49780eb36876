package dev.etcdspring.docs.examples;

import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.docs.examples.WatchRegistration.RegionListener;
import dev.etcdspring.docs.examples.WatchRegistration.WatchConfiguration;
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
 * Runs the README's {@link WatchRegistration} in a Spring Boot application against a real
 * etcd: the method that names the factory watches the factory's namespace, and the watch
 * registered in code is called like a method.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchRegistrationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void factoryAndConfigurerShouldRunTheirWatches(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistrationApplication.class)
			.web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpoint())) {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			// the application's template has no namespace: not the key the method watches
			template.put("/region", "local");
			assertThat(etcd.etcdctl("put", "/shared/region", "eu-west").isSuccess()).isTrue();
			template.put("/limits/upload", 10);
			await().untilAsserted(() -> assertThat(output).contains("shared region is now eu-west")
				.contains("/limits/upload is now 10"));
			assertThat(output).containsOnlyOnce("shared region is now");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ WatchConfiguration.class, RegionListener.class })
	static class RegistrationApplication {

	}

}
