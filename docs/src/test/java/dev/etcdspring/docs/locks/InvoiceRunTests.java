package dev.etcdspring.docs.locks;

import dev.etcdspring.client.integration.EtcdLockRegistry;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's {@link InvoiceRun} in a Spring Boot application with Spring
 * Integration on the classpath, against a real etcd.
 */
class InvoiceRunTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void runsShouldBillUnderTheAutoConfiguredRegistry() throws InterruptedException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InvoiceApplication.class)
			.web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpoint())) {
			InvoiceRun invoices = context.getBean(InvoiceRun.class);
			assertThat(context.getBean(EtcdLockRegistry.class)).isNotNull();
			invoices.run();
			assertThat(invoices.runInBatches(3)).isTrue();
			assertThat(invoices.batches).hasValue(4);
			assertThat(etcd.etcdctl("get", "--prefix", "/locks/invoice-run/").stdout()).isEmpty();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InvoiceRun.class)
	static class InvoiceApplication {

	}

}
