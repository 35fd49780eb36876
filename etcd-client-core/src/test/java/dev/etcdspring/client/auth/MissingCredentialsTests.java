package dev.etcdspring.client.auth;

import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.etcdspring.client.EtcdAuthenticationException;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client without credentials against an etcd that has authentication enabled (issue
 * 10): every request fails, so it must say what is missing, once in the log and in every
 * exception.
 */
class MissingCredentialsTests {

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@BeforeAll
	static void enableAuthentication() {
		for (String[] args : List.of(new String[] { "user", "add", "root:" + PASSWORD },
				new String[] { "auth", "enable" })) {
			EtcdctlResult result = etcd.etcdctl(args);
			assertThat(result.isSuccess()).as(result.stderr()).isTrue();
		}
	}

	@Test
	void requestsShouldSayWhichCredentialsAreMissingAndTheClientShouldWarnOnce() {
		try (LogCapture logs = LogCapture.start("dev.etcdspring", Level.INFO);
				EtcdClient client = EtcdClient.create(etcd.endpoint())) {
			EtcdTemplate template = new EtcdTemplate(client);
			for (int i = 0; i < 20; i++) {
				EtcdAuthenticationException failure = catchThrowableOfType(EtcdAuthenticationException.class,
						() -> template.get("/app/x"));
				assertThat(failure).as("call %d", i).isNotNull();
				assertThat(failure.getMessage()).contains("etcd requires authentication")
					.contains("no credentials")
					.contains("etcd.username")
					.contains("etcd.password")
					.contains("EtcdClientBuilder.credentials(")
					.contains("user name is empty");
			}
			catchThrowableOfType(EtcdAuthenticationException.class, () -> template.put("/app/x", "v"));
			List<ILoggingEvent> warnings = logs.events((event) -> event.getLevel() == Level.WARN);
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0).getFormattedMessage()).contains("requires authentication")
				.contains("etcd.username")
				.contains("etcd.password")
				.contains(etcd.endpoint());
			// once per client, not once per JVM: another client warns for itself
			try (EtcdClient other = EtcdClient.create(etcd.endpoint())) {
				catchThrowableOfType(EtcdAuthenticationException.class, () -> new EtcdTemplate(other).get("/app/x"));
			}
			assertThat(logs.events((event) -> event.getLevel() == Level.WARN)).hasSize(2);
		}
	}

}
