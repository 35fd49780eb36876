package dev.etcdspring.test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the port race handling in {@link EtcdLauncher}: a port found free can be
 * taken before etcd binds it.
 */
class EtcdLauncherTests {

	@Test
	void startWhenPortTakenShouldRetryWithNewPorts() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			AtomicInteger calls = new AtomicInteger();
			IntFunction<int[]> ports = (count) -> {
				int[] free = EtcdLauncher.freePorts(count);
				if (calls.getAndIncrement() == 0) {
					free[0] = taken.getLocalPort();
				}
				return free;
			};
			List<EtcdServer> servers = EtcdLauncher.start(1, List.of(), EtcdTls.Mode.OFF, ports);
			try (EtcdServer server = servers.get(0)) {
				assertThat(calls).hasValue(2);
				assertThat(server.clientPort()).isNotEqualTo(taken.getLocalPort());
				assertThat(server.isHealthy()).isTrue();
			}
		}
	}

	@Test
	void startWhenPortAlwaysTakenShouldGiveUpWithLog() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			AtomicInteger calls = new AtomicInteger();
			IntFunction<int[]> ports = (count) -> {
				calls.incrementAndGet();
				int[] free = EtcdLauncher.freePorts(count);
				free[0] = taken.getLocalPort();
				return free;
			};
			assertThatIllegalStateException()
				.isThrownBy(() -> EtcdLauncher.start(1, List.of(), EtcdTls.Mode.OFF, ports))
				.withMessageContaining("address already in use");
			assertThat(calls).hasValue(3);
		}
	}

	@Test
	void freePortsShouldBeDistinct() {
		assertThat(EtcdLauncher.freePorts(6)).doesNotHaveDuplicates().doesNotContain(0);
	}

}
