package dev.etcdspring.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs sample test classes through the JUnit engine to observe what
 * {@link EtcdServerExtension} leaves behind once a class has finished.
 */
class EtcdServerExtensionLifecycleTests {

	// Static nested samples are not run by Surefire itself (it skips inner classes).
	static final List<EtcdServer> seen = new CopyOnWriteArrayList<>();

	@BeforeEach
	void clear() {
		seen.clear();
	}

	@Test
	void afterAllShouldCloseServerEvenWhenTestsFail() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(FailingSample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(seen).hasSize(1);
		assertClosed(seen.get(0));
	}

	@Test
	void clusterExtensionShouldResolveClusterAndCloseIt() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(ClusterSample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(seen).hasSize(3);
		seen.forEach(EtcdServerExtensionLifecycleTests::assertClosed);
	}

	@Test
	void instanceFieldShouldStartOneServerPerTest() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(PerTestSample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(seen).hasSize(2).doesNotHaveDuplicates();
		seen.forEach(EtcdServerExtensionLifecycleTests::assertClosed);
	}

	private static void assertClosed(EtcdServer server) {
		assertThat(server.isRunning()).isFalse();
		assertThat(server.dataDir().getParent()).doesNotExist();
	}

	static class FailingSample {

		@RegisterExtension
		static EtcdServerExtension etcd = EtcdServerExtension.single();

		@Test
		void failsAfterUsingEtcd() {
			seen.add(etcd.server());
			fail("deliberate failure");
		}

	}

	static class ClusterSample {

		@RegisterExtension
		static EtcdServerExtension etcd = EtcdServerExtension.cluster(3);

		@Test
		void usesCluster(EtcdCluster cluster, EtcdServer server) {
			assertThat(cluster).isSameAs(etcd.cluster());
			assertThat(server).isSameAs(cluster.member(0));
			assertThat(etcd.endpoints()).isEqualTo(cluster.endpoints());
			assertThat(etcd.etcdctl("put", "k", "v").isSuccess()).isTrue();
			assertThat(cluster.member(2).etcdctl("get", "k", "--print-value-only").stdout()).isEqualTo("v\n");
			seen.addAll(cluster.members());
		}

	}

	static class PerTestSample {

		@RegisterExtension
		EtcdServerExtension etcd = EtcdServerExtension.single();

		@Test
		void first() {
			seen.add(this.etcd.server());
		}

		@Test
		void second(EtcdServer server) {
			assertThat(server).isSameAs(this.etcd.server());
			seen.add(server);
		}

	}

}
