package dev.etcdspring.docs.testing;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

// tag::etcd-server-extension[]
class ConfigStoreTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single(); // or .cluster(3)

	@Test
	void valueSurvivesARestart() {
		try (EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			EtcdTemplate template = new EtcdTemplate(client);
			template.put("/config/a", "1");
			// etcdctl against the same server
			assertThat(etcd.etcdctl("get", "/config/a", "--print-value-only").stdout()).isEqualTo("1\n");
			// fault injection: kill, pause, resume, restart
			etcd.server().kill();
			assertThatExceptionOfType(EtcdConnectionException.class).isThrownBy(() -> template.get("/config/a"));
			etcd.server().restart();
			assertThat(template.get("/config/a")).contains("1");
		}
	}

}
// end::etcd-server-extension[]
