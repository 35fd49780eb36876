package dev.etcdspring.docs.examples;

import java.time.Duration;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;

/**
 * The README's "Without Spring Boot" example. It names a fixed endpoint, as a reader's
 * program would, so the build compiles it but does not run it; {@link EtcdTemplateTour}
 * runs the template itself.
 */
final class WithoutSpringBoot {

	private WithoutSpringBoot() {
	}

	// tag::builder[]
	public static void main(String[] args) {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints("http://127.0.0.1:2379")
			.requestTimeout(Duration.ofSeconds(5))
			.build()) {
			EtcdTemplate etcd = new EtcdTemplate(client);
			etcd.put("/greeting", "hello");
			System.out.println(etcd.get("/greeting").orElseThrow());
		}
	}
	// end::builder[]

}
