package dev.etcdspring.docs.quickstart;

import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.context.LocalEtcd;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

// tag::local-etcd[]
@SpringBootTest
@LocalEtcd // or @LocalEtcd(members = 3)
class FeatureFlagsTests {

	@Autowired
	EtcdTemplate etcd;

	@Autowired
	FeatureFlags flags;

	@Test
	void flagIsRead() {
		this.etcd.put("/flags/dark-mode", "on");
		assertThat(this.flags.isOn("dark-mode")).isTrue();
	}

}
// end::local-etcd[]
