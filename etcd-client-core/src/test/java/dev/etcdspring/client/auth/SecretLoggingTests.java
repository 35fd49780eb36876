package dev.etcdspring.client.auth;

import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at DEBUG, neither the password nor an auth token reaches the logs:
 * not from our code, including the transport's own HTTP client.
 */
class SecretLoggingTests {

	private static final String PASSWORD = "n0t-in-the-logs-" + UUID.randomUUID();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--auth-token=simple");

	@BeforeAll
	static void enableAuth() {
		for (String[] args : List.of(new String[] { "user", "add", "root:" + PASSWORD },
				new String[] { "auth", "enable" })) {
			EtcdctlResult result = etcd.etcdctl(args);
			assertThat(result.exitCode()).as(result.stderr()).isZero();
		}
	}

	@Test
	void debugLogsShouldNeverShowThePasswordOrTheToken() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Logger ours = (Logger) LoggerFactory.getLogger("dev.etcdspring");
		Level previous = root.getLevel();
		Level previousOurs = ours.getLevel();
		ours.setLevel(Level.DEBUG);
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		root.addAppender(captured);
		root.setLevel(Level.DEBUG);
		try (EtcdClient client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("root", PASSWORD)
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			template.put("/secret-logging", "value");
			assertThat(template.get("/secret-logging")).contains("value");
		}
		finally {
			root.setLevel(previous);
			ours.setLevel(previousOurs);
			root.detachAppender(captured);
		}
		List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		// the check can fail: the transport did log at DEBUG during the calls
		assertThat(captured.list)
			.anyMatch((event) -> event.getLoggerName().startsWith("dev.etcdspring.client.internal.transport"));
		assertThat(lines).noneMatch((line) -> line.contains(PASSWORD));
		assertThat(lines).noneMatch((line) -> line.toLowerCase().contains("authorization"));
		assertThat(lines).noneMatch((line) -> line.contains("\"token\""));
	}

}
