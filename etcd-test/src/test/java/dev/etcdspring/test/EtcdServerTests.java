package dev.etcdspring.test;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdServer} against the real etcd binary.
 */
class EtcdServerTests {

	@Test
	void startShouldServeHealthyEndpoint() throws Exception {
		try (EtcdServer server = EtcdServer.start()) {
			assertThat(server.endpoint()).isEqualTo("http://127.0.0.1:" + server.clientPort());
			assertThat(server.peerPort()).isNotEqualTo(server.clientPort());
			assertThat(server.name()).isEqualTo("etcd-0");
			assertThat(server.isRunning()).isTrue();
			assertThat(server.pid()).isPositive();
			assertThat(server.dataDir()).isDirectory();
			assertThat(server.dataDir().getParent().getFileName().toString()).startsWith("etcd-test-");
			assertThat(server.logFile()).isNotEmptyFile();
			assertThat(Http.health(server.endpoint())).contains("\"health\":\"true\"");
		}
	}

	@Test
	void dataDirShouldBeUsedAndLeftToItsOwner(@TempDir Path dataDir) {
		try (EtcdServer first = EtcdServer.builder().dataDir(dataDir).start()) {
			assertThat(first.dataDir()).isEqualTo(dataDir);
			assertThat(first.etcdctl("put", "kept", "yes").isSuccess()).isTrue();
		}
		assertThat(dataDir.resolve("member")).isDirectory();
		try (EtcdServer second = EtcdServer.builder().dataDir(dataDir).start()) {
			assertThat(second.etcdctl("get", "kept", "--print-value-only").stdout()).isEqualTo("yes\n");
		}
	}

	@Test
	void etcdctlShouldRoundTripPutAndGet() {
		try (EtcdServer server = EtcdServer.start()) {
			EtcdctlResult put = server.etcdctl("put", "greeting", "hello world");
			assertThat(put.exitCode()).as(put.stderr()).isZero();
			assertThat(put.stdout()).isEqualTo("OK\n");
			EtcdctlResult get = server.etcdctl("get", "greeting", "--print-value-only");
			assertThat(get.isSuccess()).isTrue();
			assertThat(get.stdout()).isEqualTo("hello world\n");
		}
	}

	@Test
	void etcdctlWithStdinShouldRoundTripBinaryValue() {
		byte[] value = new byte[256];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		try (EtcdServer server = EtcdServer.start()) {
			EtcdctlResult put = server.etcdctl(value, "put", "binary");
			assertThat(put.exitCode()).as(put.stderr()).isZero();
			byte[] printed = server.etcdctl("get", "binary", "--print-value-only").stdoutBytes();
			// etcdctl prints the raw value followed by a newline.
			assertThat(printed).hasSize(value.length + 1);
			assertThat(Arrays.copyOf(printed, value.length)).isEqualTo(value);
		}
	}

	@Test
	void etcdctlWithoutValueShouldSeeEmptyStdin() {
		try (EtcdServer server = EtcdServer.start()) {
			EtcdctlResult put = server.etcdctl("put", "no-value");
			assertThat(put.exitCode()).isNotZero();
			assertThat(put.stderr()).contains("input from stdin");
		}
	}

	@Test
	void builderArgShouldReachEtcd() {
		try (EtcdServer server = EtcdServer.builder().arg("--max-request-bytes=1024").start()) {
			EtcdctlResult small = server.etcdctl("put", "small", "x");
			assertThat(small.isSuccess()).as(small.stderr()).isTrue();
			EtcdctlResult large = server.etcdctl("put", "large", "x".repeat(4096));
			assertThat(large.exitCode()).isNotZero();
			assertThat(large.stderr()).contains("request is too large");
		}
	}

	@Test
	void startWithInvalidFlagShouldFailWithCauseFromLog() {
		assertThatIllegalStateException().isThrownBy(() -> EtcdServer.builder().arg("--no-such-flag").start())
			.withMessageContaining("exited with code 2")
			.withMessageContaining("flag provided but not defined: -no-such-flag");
	}

	@Test
	void killAndRestartShouldKeepDataAndPorts() throws Exception {
		try (EtcdServer server = EtcdServer.start()) {
			assertThat(server.etcdctl("put", "durable", "yes").isSuccess()).isTrue();
			int clientPort = server.clientPort();
			long pid = server.pid();
			server.kill();
			assertThat(server.isRunning()).isFalse();
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> Http.health(server.endpoint()));
			server.restart();
			assertThat(server.isRunning()).isTrue();
			assertThat(server.pid()).isNotEqualTo(pid);
			assertThat(server.clientPort()).isEqualTo(clientPort);
			assertThat(server.etcdctl("get", "durable", "--print-value-only").stdout()).isEqualTo("yes\n");
		}
	}

	@Test
	void stopShouldTerminateAndRestartShouldKeepData() {
		try (EtcdServer server = EtcdServer.start()) {
			assertThat(server.etcdctl("put", "durable", "yes").isSuccess()).isTrue();
			server.stop();
			assertThat(server.isRunning()).isFalse();
			server.restart();
			assertThat(server.etcdctl("get", "durable", "--print-value-only").stdout()).isEqualTo("yes\n");
		}
	}

	@Test
	void restartWhileRunningShouldReplaceProcess() {
		try (EtcdServer server = EtcdServer.start()) {
			long pid = server.pid();
			server.restart();
			assertThat(server.pid()).isNotEqualTo(pid);
			assertThat(server.isHealthy()).isTrue();
		}
	}

	@Test
	void pauseShouldMakeHealthTimeOutAndResumeShouldRestoreIt() throws Exception {
		try (EtcdServer server = EtcdServer.start()) {
			server.pause();
			assertThat(server.isPaused()).isTrue();
			assertThat(server.isRunning()).isTrue();
			assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(() -> Http.health(server.endpoint()));
			server.resume();
			assertThat(server.isPaused()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(server::isHealthy);
			assertThat(Http.health(server.endpoint())).contains("\"health\":\"true\"");
		}
	}

	@Test
	void closeShouldRemoveDataDirAndProcess() {
		EtcdServer server = EtcdServer.start();
		Path directory = server.dataDir().getParent();
		long pid = server.pid();
		server.close();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(server.isRunning()).isFalse();
		assertThat(directory).doesNotExist();
		server.close();
		assertThatIllegalStateException().isThrownBy(server::restart).withMessageContaining("closed");
	}

	@Test
	void closeShouldKillPausedServer() {
		EtcdServer server = EtcdServer.start();
		long pid = server.pid();
		server.pause();
		server.close();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(Files.exists(server.dataDir())).isFalse();
	}

	@Test
	void pauseWhenNotRunningShouldThrow() {
		try (EtcdServer server = EtcdServer.start()) {
			server.kill();
			assertThatIllegalStateException().isThrownBy(server::pause).withMessageContaining("not running");
			server.resume();
			server.kill();
			server.stop();
		}
	}

}
