package dev.etcdspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The passwords that {@link AuthClient} sends reach etcd and nothing else: not the logs
 * (every logger at DEBUG), not the messages of etcd's refusals, not {@code toString()}.
 * And input that etcd would accept to its users' harm is refused before anything is sent.
 */
class AuthSecretsTests {

	private static final String SECRET = "n0t-in-the-logs-" + UUID.randomUUID();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@BeforeAll
	static void enableAuthentication() {
		try (EtcdClient anonymous = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			anonymous.auth().addUser("root", SECRET);
			anonymous.auth().grantRole("root", "root");
			anonymous.auth().enable();
		}
	}

	@Test
	void passwordsShouldNeverShowInLogsMessagesOrToString() {
		List<String> shown = new ArrayList<>();
		try (LogCapture everything = LogCapture.start(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG);
				LogCapture ours = LogCapture.start("dev.etcdspring", Level.DEBUG);
				EtcdClient client = TestTransport.builder()
					.endpoints(etcd.endpoints())
					.credentials("root", SECRET)
					.build()) {
			AuthClient auth = client.auth();
			String user = "secretive-" + UUID.randomUUID();
			auth.addUser(user, SECRET + "-1");
			auth.changePassword(user, SECRET + "-2");
			// refusals: their messages must not carry the request body
			shown.add(assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> auth.addUser(user, SECRET + "-3"))
				.actual()
				.getMessage());
			shown.add(assertThatExceptionOfType(EtcdException.class)
				.isThrownBy(() -> auth.changePassword("nobody-" + UUID.randomUUID(), SECRET + "-4"))
				.actual()
				.getMessage());
			shown.add(auth.toString());
			shown.add(client.toString());
			// the check can fail: the client did log at DEBUG (logging in, at least)
			assertThat(ours.events((event) -> event.getLevel() == Level.DEBUG)).isNotEmpty();
			everything.events((event) -> true).stream().map(ILoggingEvent::getFormattedMessage).forEach(shown::add);
		}
		assertThat(shown).hasSizeGreaterThan(4).noneMatch((text) -> text.contains(SECRET));
	}

	@Test
	void emptyPasswordShouldBeRefusedBeforeAnythingIsSent() {
		try (EtcdClient client = TestTransport.builder().endpoints("http://127.0.0.1:1").build()) {
			// port 1 is closed: a request would fail with a connection error instead
			assertThatIllegalArgumentException().isThrownBy(() -> client.auth().addUser("alice", ""))
				.withMessageContaining("password must not be empty")
				.withMessageContaining("addUserWithoutPassword");
			assertThatIllegalArgumentException().isThrownBy(() -> client.auth().changePassword("alice", ""))
				.withMessageContaining("password must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> client.auth().addUser(" ", "pw"))
				.withMessage("etcd user name must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> client.auth().grantRole("alice", ""))
				.withMessage("etcd role name must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> client.auth().grantPermission("app", null))
				.withMessage("Permission must not be null");
		}
	}

}
