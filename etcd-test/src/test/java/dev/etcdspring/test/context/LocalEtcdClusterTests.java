package dev.etcdspring.test.context;

import java.util.List;

import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalEtcd @LocalEtcd} with a cluster and a custom property.
 */
@SpringJUnitConfig(LocalEtcdClusterTests.Config.class)
@LocalEtcd(members = 3, endpointsProperty = "app.etcd.urls")
class LocalEtcdClusterTests {

	@Value("${app.etcd.urls}")
	String endpoints;

	@Autowired
	EtcdCluster cluster;

	@Autowired
	ApplicationContext context;

	@Test
	void endpointsShouldListEveryHealthyMember() throws Exception {
		List<String> endpoints = List.of(this.endpoints.split(","));
		assertThat(endpoints).hasSize(3).containsExactlyElementsOf(this.cluster.endpoints());
		for (String endpoint : endpoints) {
			assertThat(LocalEtcdTests.health(endpoint)).contains("\"health\":\"true\"");
		}
	}

	@Test
	void membersShouldFormOneCluster() {
		assertThat(this.cluster.etcdctl("member", "list").stdout().lines()).hasSize(3);
		assertThat(this.cluster.leader()).isIn(this.cluster.members());
	}

	@Test
	void defaultPropertyAndServerBeanShouldBeLeftAlone() {
		assertThat(this.context.getEnvironment().containsProperty("etcd.endpoints")).isFalse();
		assertThat(this.context.getBeanNamesForType(EtcdServer.class)).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
