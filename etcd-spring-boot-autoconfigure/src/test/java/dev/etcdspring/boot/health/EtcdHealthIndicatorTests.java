package dev.etcdspring.boot.health;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EtcdHealthIndicator} against real etcd servers.
 */
class EtcdHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	// a little for the JVM and the scheduler, nothing like a second request timeout
	private static final Duration SLACK = Duration.ofMillis(1500);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void healthWhenEtcdRunsShouldBeUpWithClusterDetails() {
		try (EtcdClient client = client(etcd.endpoint())) {
			Health health = new EtcdHealthIndicator(client, TIMEOUT).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = health.getDetails();
			assertThat(details).containsEntry("endpoint", etcd.endpoint())
				.containsEntry("version", "3.4.23")
				.containsEntry("members", 1)
				.containsKeys("dbSize", "raftTerm")
				.doesNotContainKey("unreachable");
			assertThat((Long) details.get("dbSize")).isPositive();
			// etcdctl shows the leader in hex too
			EtcdctlResult status = etcd.etcdctl("endpoint", "status", "--write-out=fields");
			String leader = Long.toUnsignedString(Long.parseUnsignedLong((String) details.get("leader"), 16));
			assertThat(status.stdout()).contains("\"Leader\" : " + leader + "\n");
			// etcdctl's member list is in hex: the details match it as they are
			String memberList = etcd.etcdctl("member", "list").stdout();
			assertThat(memberList).startsWith(details.get("member") + ",");
			assertThat((String) details.get("leader")).isEqualTo(details.get("member")).matches("[0-9a-f]+");
			String cluster = Long.toUnsignedString(Long.parseUnsignedLong((String) details.get("cluster"), 16));
			assertThat(status.stdout()).contains("\"ClusterID\" : " + cluster + "\n");
		}
	}

	@Test
	void healthWhenFirstEndpointIsDownShouldBeUpFromTheNextOne() throws Exception {
		String dead = deadEndpoint();
		try (EtcdClient client = client(dead, etcd.endpoint())) {
			Health health = new EtcdHealthIndicator(client, TIMEOUT).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("endpoint", etcd.endpoint()).containsKey("unreachable");
			assertThat((Map<?, ?>) health.getDetails().get("unreachable")).extractingFromEntries(Map.Entry::getKey)
				.containsExactly(dead);
		}
	}

	@Test
	void healthWhenEtcdIsKilledShouldBeDownWithinTheTimeout() {
		try (EtcdServer server = EtcdServer.start(); EtcdClient client = client(server.endpoint())) {
			EtcdHealthIndicator indicator = new EtcdHealthIndicator(client, TIMEOUT);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			server.kill();
			long start = System.nanoTime();
			Health health = indicator.health();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKeys("error", "unreachable");
			assertThat((String) health.getDetails().get("error")).contains(server.endpoint());
		}
	}

	@Test
	void healthWhenEtcdIsPausedShouldBeDownWithinTheTimeout() {
		try (EtcdServer server = EtcdServer.start(); EtcdClient client = client(server.endpoint())) {
			EtcdHealthIndicator indicator = new EtcdHealthIndicator(client, TIMEOUT);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			server.pause();
			try {
				long start = System.nanoTime();
				Health health = indicator.health();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			}
			finally {
				server.resume();
			}
		}
	}

	@Test
	void healthWhenEveryMemberHangsShouldGiveUpAfterTheTimeout() throws Exception {
		// sockets that accept connections (the kernel does) but never answer
		try (ServerSocket one = silentSocket();
				ServerSocket two = silentSocket();
				ServerSocket three = silentSocket();
				EtcdClient client = client(endpoint(one), endpoint(two), endpoint(three))) {
			long start = System.nanoTime();
			Health health = new EtcdHealthIndicator(client, TIMEOUT).health();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		}
	}

	private static EtcdClient client(String... endpoints) {
		return EtcdClient.builder().endpoints(endpoints).requestTimeout(TIMEOUT).build();
	}

	private static ServerSocket silentSocket() throws Exception {
		return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	private static String endpoint(ServerSocket socket) {
		return "http://127.0.0.1:" + socket.getLocalPort();
	}

	private static String deadEndpoint() throws Exception {
		try (ServerSocket socket = silentSocket()) {
			return endpoint(socket);
		}
	}

}
