package dev.etcdspring.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EtcdServerExtension} registered the usual way, on a static field.
 */
class EtcdServerExtensionTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void endpointShouldServeEtcd() throws Exception {
		assertThat(etcd.endpoints()).containsExactly(etcd.endpoint());
		assertThat(etcd.endpoint()).isEqualTo(etcd.server().endpoint());
		assertThat(Http.health(etcd.endpoint())).contains("\"health\":\"true\"");
		assertThat(etcd.etcdctl("put", "k", "v").isSuccess()).isTrue();
		assertThat(etcd.etcdctl("get", "k", "--print-value-only").stdout()).isEqualTo("v\n");
	}

	@Test
	void serverParameterShouldBeTheSharedServer(EtcdServer server) {
		assertThat(server).isSameAs(etcd.server());
	}

	@Test
	void clusterShouldThrowForSingleServer() {
		assertThatIllegalStateException().isThrownBy(etcd::cluster).withMessageContaining("cluster(n)");
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassShouldShareTheServer(EtcdServer server) {
			assertThat(server).isSameAs(etcd.server());
			assertThat(server.isHealthy()).isTrue();
		}

	}

}
