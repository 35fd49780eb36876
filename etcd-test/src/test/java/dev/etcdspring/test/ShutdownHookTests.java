package dev.etcdspring.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a JVM which forgets to close its servers still leaves nothing behind.
 */
class ShutdownHookTests {

	@Test
	void exitWithoutCloseShouldKillServerAndDeleteDataDir() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ForgetfulMain.class.getName())
			.redirectErrorStream(true)
			.start();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.exitValue()).as(output).isZero();
		List<String> lines = output.lines().filter((line) -> line.startsWith("server ")).toList();
		assertThat(lines).as(output).hasSize(1);
		String[] parts = lines.get(0).split(" ");
		long pid = Long.parseLong(parts[1]);
		Path dataDir = Path.of(parts[2]);
		// The hook ran before the child JVM exited, so both are gone by now.
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(dataDir.getParent()).doesNotExist();
	}

	static final class ForgetfulMain {

		public static void main(String[] args) {
			EtcdServer server = EtcdServer.start();
			System.out.println("server " + server.pid() + " " + server.dataDir());
			System.exit(0);
		}

	}

}
