package dev.etcdspring.samples.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample application against a real etcd.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void runWhenEtcdIsUpShouldPutGetWatchChangeTheImportedGreetingAndCleanUp(CapturedOutput output) {
		assertThat(etcd.etcdctl("put", "/sample/config/greeting.text", "hello from etcd").exitCode()).isZero();
		int exitCode = SampleApplication.run("--etcd.endpoints=" + etcd.endpoint());
		assertThat(exitCode).isZero();
		assertThat(output).contains("PUT /sample/greeting = hello (revision ")
			.contains("GET /sample/greeting -> hello")
			.containsPattern("WATCH saw PUT /sample/greeting = hello etcd \\(revision \\d+\\)")
			.contains("DELETE /sample/greeting")
			.contains("GREETING 'hello from etcd' (greeting.text, imported from etcd:/sample/config/)")
			.containsPattern("GREETING 'hello, changed live' \\(etcd revision \\d+ changed \\[greeting.text\\]\\)")
			.containsPattern("GREETING 'hello' \\(etcd revision \\d+ changed \\[greeting.text\\]\\)");
		// the watch started after the first put: it must not report it
		assertThat(output).doesNotContain("WATCH saw PUT /sample/greeting = hello (");
		EtcdctlResult left = etcd.etcdctl("get", "--prefix", "/sample/", "--keys-only");
		assertThat(left.exitCode()).isZero();
		assertThat(left.stdout()).isBlank();
	}

	@Test
	void runWhenEtcdIsUnreachableShouldExitNonZeroWithOneClearLine(CapturedOutput output) throws IOException {
		String endpoint = "http://127.0.0.1:" + closedPort();
		int exitCode = SampleApplication.run("--etcd.endpoints=" + endpoint, "--etcd.request-timeout=2s");
		assertThat(exitCode).isNotZero();
		assertThat(output).containsPattern("ERROR .* Sample stopped: .*" + endpoint)
			.containsPattern("WARN .* Starting without etcd:/sample/config/ \\(optional\\): etcd at \\[" + endpoint)
			.doesNotContain("PUT /sample/")
			.doesNotContain("\tat ");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
