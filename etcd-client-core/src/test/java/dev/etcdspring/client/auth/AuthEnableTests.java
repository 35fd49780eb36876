package dev.etcdspring.client.auth;

import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Turning authentication on and off with {@link AuthClient}, from clients with and
 * without credentials, and what those clients see afterwards. Each test starts and ends
 * with authentication off and a {@code root} user with the {@code root} role.
 */
class AuthEnableTests {

	private static final String ROOT_PASSWORD = "r00t-" + UUID.randomUUID();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@BeforeEach
	void addRoot() {
		try (EtcdClient anonymous = anonymous()) {
			if (anonymous.auth().getUser("root").isEmpty()) {
				anonymous.auth().addUser("root", ROOT_PASSWORD);
			}
			anonymous.auth().grantRole("root", "root");
		}
	}

	@AfterEach
	void disableAuthentication() {
		try (EtcdClient root = root()) {
			root.auth().disable();
		}
	}

	@Test
	void enableShouldRequireARootUserWithTheRootRole() {
		try (EtcdClient anonymous = anonymous()) {
			AuthClient auth = anonymous.auth();
			auth.revokeRole("root", "root");
			assertThatExceptionOfType(EtcdPreconditionFailedException.class).isThrownBy(auth::enable)
				.withMessageContaining("root user does not have root role")
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.ROOT_ROLE_NOT_GRANTED));
			auth.deleteUser("root");
			assertThatExceptionOfType(EtcdPreconditionFailedException.class).isThrownBy(auth::enable)
				.withMessageContaining("root user does not exist")
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.ROOT_USER_NOT_FOUND));
			// still off: the client needs no credentials
			new EtcdTemplate(anonymous).put("/still-open", "yes");
		}
	}

	@Test
	void clientWithoutCredentialsShouldEnableAndThenBeAskedForThem() {
		try (EtcdClient anonymous = anonymous(); EtcdClient root = root()) {
			anonymous.auth().enable();
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(anonymous).get("/k"))
				.withMessageContaining("etcd.username")
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.USER_NAME_EMPTY));
			new EtcdTemplate(root).put("/k", "with auth");
			assertThat(new EtcdTemplate(root).get("/k")).contains("with auth");
		}
	}

	@Test
	void clientWithRootCredentialsShouldEnableWhileLoginsAreImpossible() {
		try (EtcdClient root = root()) {
			// with authentication off, etcd refuses to log anyone in
			assertThatExceptionOfType(EtcdPreconditionFailedException.class)
				.isThrownBy(() -> new EtcdTemplate(root).get("/k"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTH_NOT_ENABLED));
			root.auth().enable();
			new EtcdTemplate(root).put("/k", "after enable");
			assertThat(new EtcdTemplate(root).get("/k")).contains("after enable");
		}
	}

	@Test
	void disableShouldOpenEtcdToClientsWithoutCredentialsAndCloseItToLogins() {
		try (EtcdClient anonymous = anonymous(); EtcdClient root = root()) {
			root.auth().enable();
			new EtcdTemplate(root).put("/k", "v");
			root.auth().disable();
			assertThat(new EtcdTemplate(anonymous).get("/k")).contains("v");
			// etcd forgot the token and logs nobody in: the client with credentials is
			// refused as at startup against an etcd without authentication
			assertThatExceptionOfType(EtcdPreconditionFailedException.class)
				.isThrownBy(() -> new EtcdTemplate(root).get("/k"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTH_NOT_ENABLED));
			// disabling again changes nothing; enabling still works from that client
			root.auth().disable();
			root.auth().enable();
			assertThat(new EtcdTemplate(root).get("/k")).contains("v");
		}
	}

	@Test
	void disableShouldRequireRoot() {
		try (EtcdClient anonymous = anonymous(); EtcdClient root = root()) {
			String user = "plain-" + UUID.randomUUID();
			root.auth().enable();
			root.auth().addUser(user, "pw");
			try (EtcdClient plain = TestTransport.builder()
				.endpoints(etcd.endpoints())
				.credentials(user, "pw")
				.build()) {
				assertThatExceptionOfType(EtcdPermissionDeniedException.class).isThrownBy(plain.auth()::disable);
			}
			assertThatExceptionOfType(EtcdServerException.class).isThrownBy(anonymous.auth()::disable)
				.isInstanceOf(EtcdAuthenticationException.class)
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.USER_NAME_EMPTY));
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(anonymous).get("/k"));
			root.auth().deleteUser(user);
		}
	}

	private static EtcdClient anonymous() {
		return TestTransport.builder().endpoints(etcd.endpoints()).build();
	}

	private static EtcdClient root() {
		return TestTransport.builder().endpoints(etcd.endpoints()).credentials("root", ROOT_PASSWORD).build();
	}

}
