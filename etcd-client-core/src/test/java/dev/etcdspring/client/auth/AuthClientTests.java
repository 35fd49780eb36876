package dev.etcdspring.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.kv.Keys;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Users, roles and permissions administered through {@link AuthClient} on an etcd whose
 * authentication the client enabled, checked with our client and with {@code etcdctl}.
 * Every test names its users and roles uniquely, so that they share the server.
 */
class AuthClientTests {

	private static final String ROOT_PASSWORD = "r00t-" + UUID.randomUUID();

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private static EtcdClient root;

	@BeforeAll
	static void enableAuthentication() {
		// a client without credentials sets it all up, as on a fresh cluster
		try (EtcdClient anonymous = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			anonymous.auth().addUser("root", ROOT_PASSWORD);
			anonymous.auth().grantRole("root", "root");
			anonymous.auth().enable();
		}
		root = TestTransport.builder().endpoints(etcd.endpoints()).credentials("root", ROOT_PASSWORD).build();
	}

	@AfterAll
	static void closeClient() {
		if (root != null) {
			root.close();
		}
	}

	@Test
	void addedUserShouldBeListedAndShownByEtcdctl() {
		String user = unique("alice");
		auth().addUser(user, "pw-" + user);
		assertThat(auth().listUsers()).contains(user, "root").isSorted();
		assertThat(auth().getUser(user)).contains(new AuthUser(user, List.of()));
		assertThat(etcdctlAsRoot("user", "list").stdout().lines()).contains(user);
	}

	@Test
	void userShouldReadAndWriteOnlyWhatItsRoleAllowsInOurClientAndInEtcdctl() {
		String user = unique("reader");
		String role = unique("reader-role");
		String password = "pw-" + user;
		auth().addRole(role);
		auth().grantPermission(role, Permission.read(KeyRange.prefix("/allowed/")));
		auth().grantPermission(role, Permission.readWrite(KeyRange.key("/allowed/rw")));
		auth().addUser(user, password);
		auth().grantRole(user, role);
		new EtcdTemplate(root).put("/allowed/x", "visible");

		try (EtcdClient client = clientOf(user, password)) {
			EtcdTemplate template = new EtcdTemplate(client);
			assertThat(template.get("/allowed/x")).contains("visible");
			template.put("/allowed/rw", "written");
			assertThatExceptionOfType(EtcdPermissionDeniedException.class)
				.isThrownBy(() -> template.put("/allowed/x", "v"));
			assertThatExceptionOfType(EtcdPermissionDeniedException.class).isThrownBy(() -> template.get("/forbidden"));
		}
		String credentials = "--user=" + user + ":" + password;
		EtcdctlResult get = etcd.etcdctl(credentials, "get", "/allowed/x", "--print-value-only");
		assertThat(get.exitCode()).as(get.stderr()).isZero();
		assertThat(get.stdout().strip()).isEqualTo("visible");
		EtcdctlResult put = etcd.etcdctl(credentials, "put", "/forbidden", "v");
		assertThat(put.exitCode()).isNotZero();
		assertThat(put.stderr()).contains("permission denied");
	}

	@Test
	void permissionsShouldBeReadBackExactlyAndShownByEtcdctl() {
		String role = unique("perms");
		byte[] binaryKey = { '/', 'b', (byte) 0xff, 0 };
		List<Permission> granted = List.of(Permission.read(KeyRange.key("/one")),
				Permission.write(KeyRange.prefix("/app/")), Permission.readWrite(KeyRange.range("/r/a", "/r/m")),
				Permission.read(KeyRange.range("/from".getBytes(StandardCharsets.UTF_8), Keys.ALL_FROM_KEY)),
				Permission.write(KeyRange.key(binaryKey)));
		auth().addRole(role);
		granted.forEach((permission) -> auth().grantPermission(role, permission));
		assertThat(auth().getRole(role)).hasValueSatisfying((answer) -> {
			assertThat(answer.name()).isEqualTo(role);
			assertThat(answer.permissions()).containsExactlyInAnyOrderElementsOf(granted);
		});
		assertThat(auth().listRoles()).contains(role).isSorted();

		List<String> shown = etcdctlAsRoot("role", "get", role).stdout().lines().map(String::strip).toList();
		assertThat(shown).containsSubsequence("KV Read:", "/one", "KV Write:");
		assertThat(section(shown, "KV Read:")).contains("/one", "[/r/a, /r/m)", "[/from, <open ended>");
		assertThat(section(shown, "KV Write:")).contains("[/app/, /app0) (prefix /app/)", "[/r/a, /r/m)");
	}

	@Test
	void permissionsGrantedByEtcdctlShouldReadBackAsTheSameRanges() {
		String role = unique("etcdctl-perms");
		etcdctlAsRoot("role", "add", role);
		etcdctlAsRoot("role", "grant-permission", role, "read", "/p/", "--prefix");
		etcdctlAsRoot("role", "grant-permission", role, "write", "/k");
		etcdctlAsRoot("role", "grant-permission", role, "readwrite", "/f", "--from-key");
		etcdctlAsRoot("role", "grant-permission", role, "read", "", "--prefix");
		assertThat(auth().getRole(role).orElseThrow().permissions()).containsExactlyInAnyOrder(
				Permission.read(KeyRange.prefix("/p/")), Permission.write(KeyRange.key("/k")),
				Permission.readWrite(KeyRange.range("/f".getBytes(StandardCharsets.UTF_8), Keys.ALL_FROM_KEY)),
				Permission.read(KeyRange.prefix("")));
	}

	@Test
	void grantingAgainShouldReplaceThePermissionsType() {
		String role = unique("regrant");
		auth().addRole(role);
		auth().grantPermission(role, Permission.read(KeyRange.prefix("/x/")));
		auth().grantPermission(role, Permission.readWrite(KeyRange.prefix("/x/")));
		assertThat(auth().getRole(role).orElseThrow().permissions())
			.containsExactly(Permission.readWrite(KeyRange.prefix("/x/")));
	}

	@Test
	void revokedPermissionShouldBeGoneAndRevokingItAgainShouldFail() {
		String role = unique("revoke");
		auth().addRole(role);
		auth().grantPermission(role, Permission.read(KeyRange.prefix("/a/")));
		auth().grantPermission(role, Permission.write(KeyRange.key("/b")));
		auth().revokePermission(role, KeyRange.prefix("/a/"));
		assertThat(auth().getRole(role).orElseThrow().permissions())
			.containsExactly(Permission.write(KeyRange.key("/b")));
		assertRefused(EtcdError.PERMISSION_NOT_GRANTED, () -> auth().revokePermission(role, KeyRange.prefix("/a/")));
		// the keys must be the granted ones: the prefix's first key alone is another
		// range
		assertRefused(EtcdError.PERMISSION_NOT_GRANTED, () -> auth().revokePermission(role, KeyRange.key("/b/")));
	}

	@Test
	void grantedAndRevokedRolesShouldShowInTheUserAndInEtcdctl() {
		String user = unique("roles");
		String first = unique("first");
		String second = unique("second");
		auth().addUser(user, "pw");
		auth().addRole(first);
		auth().addRole(second);
		auth().grantRole(user, second);
		auth().grantRole(user, first);
		auth().grantRole(user, first);
		assertThat(auth().getUser(user).orElseThrow().roles()).containsExactly(first, second);
		assertThat(etcdctlAsRoot("user", "get", user).stdout()).contains("Roles: " + first + " " + second);
		auth().revokeRole(user, first);
		assertThat(auth().getUser(user).orElseThrow().roles()).containsExactly(second);
		assertRefused(EtcdError.ROLE_NOT_GRANTED, () -> auth().revokeRole(user, first));
	}

	@Test
	void deletedRoleShouldBeRevokedFromItsUsers() {
		String user = unique("orphan");
		String role = unique("deleted");
		auth().addUser(user, "pw");
		auth().addRole(role);
		auth().grantRole(user, role);
		auth().deleteRole(role);
		assertThat(auth().getRole(role)).isEmpty();
		assertThat(auth().listRoles()).doesNotContain(role);
		assertThat(auth().getUser(user).orElseThrow().roles()).isEmpty();
	}

	@Test
	void deletedUserShouldBeGoneAndUnableToLogIn() {
		String user = unique("gone");
		auth().addUser(user, "pw");
		auth().deleteUser(user);
		assertThat(auth().getUser(user)).isEmpty();
		assertThat(auth().listUsers()).doesNotContain(user);
		try (EtcdClient client = clientOf(user, "pw")) {
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(client).get("/any"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTHENTICATION_FAILED));
		}
	}

	@Test
	void changedPasswordShouldLetOnlyTheNewOneIn() {
		String user = unique("changer");
		String role = unique("changer-role");
		auth().addRole(role);
		auth().grantPermission(role, Permission.read(KeyRange.key("/k")));
		auth().addUser(user, "old-password");
		auth().grantRole(user, role);
		try (EtcdClient before = clientOf(user, "old-password")) {
			assertThat(new EtcdTemplate(before).get("/k")).isEmpty();
			auth().changePassword(user, "new-password");
			// etcd makes the client log in again, with the password it has
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(before).get("/k"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.AUTHENTICATION_FAILED));
		}
		try (EtcdClient after = clientOf(user, "new-password")) {
			assertThat(new EtcdTemplate(after).get("/k")).isEmpty();
		}
		EtcdctlResult old = etcd.etcdctl("--user=" + user + ":old-password", "get", "/k");
		assertThat(old.exitCode()).isNotZero();
		assertThat(old.stderr()).contains("authentication failed");
	}

	@Test
	void userWithoutPasswordShouldExistButNotLogInWithAPassword() {
		String user = unique("cert-only");
		auth().addUserWithoutPassword(user);
		assertThat(auth().getUser(user)).contains(new AuthUser(user, List.of()));
		assertThat(etcdctlAsRoot("user", "list").stdout().lines()).contains(user);
		try (EtcdClient client = clientOf(user, "any-password")) {
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(client).get("/any"))
				.withMessageContaining("authentication failed");
		}
	}

	@Test
	void existingNamesShouldBeRefusedWithTheirKind() {
		String user = unique("twice");
		String role = unique("twice-role");
		auth().addUser(user, "pw");
		auth().addRole(role);
		assertRefused(EtcdError.USER_ALREADY_EXISTS, () -> auth().addUser(user, "pw"));
		assertRefused(EtcdError.USER_ALREADY_EXISTS, () -> auth().addUserWithoutPassword(user));
		assertRefused(EtcdError.ROLE_ALREADY_EXISTS, () -> auth().addRole(role));
	}

	@Test
	void unknownUsersAndRolesShouldBeRefusedWithTheirKind() {
		String user = unique("known");
		String role = unique("known-role");
		auth().addUser(user, "pw");
		auth().addRole(role);
		String nobody = unique("nobody");
		String noRole = unique("no-role");
		assertRefused(EtcdError.USER_NOT_FOUND, () -> auth().deleteUser(nobody));
		assertRefused(EtcdError.USER_NOT_FOUND, () -> auth().changePassword(nobody, "pw"));
		assertRefused(EtcdError.USER_NOT_FOUND, () -> auth().grantRole(nobody, role));
		assertRefused(EtcdError.USER_NOT_FOUND, () -> auth().revokeRole(nobody, role));
		assertRefused(EtcdError.ROLE_NOT_FOUND, () -> auth().grantRole(user, noRole));
		assertRefused(EtcdError.ROLE_NOT_FOUND, () -> auth().deleteRole(noRole));
		assertRefused(EtcdError.ROLE_NOT_FOUND,
				() -> auth().grantPermission(noRole, Permission.read(KeyRange.key("/a"))));
		assertRefused(EtcdError.ROLE_NOT_FOUND, () -> auth().revokePermission(noRole, KeyRange.key("/a")));
		assertThat(auth().getUser(nobody)).isEmpty();
		assertThat(auth().getRole(noRole)).isEmpty();
	}

	@Test
	void userWithoutRootRoleShouldBeRefusedAdministrationButSeeItself() {
		String user = unique("plain");
		auth().addUser(user, "pw");
		try (EtcdClient client = clientOf(user, "pw")) {
			AuthClient theirs = client.auth();
			assertThat(theirs.getUser(user)).contains(new AuthUser(user, List.of()));
			assertThatExceptionOfType(EtcdPermissionDeniedException.class).isThrownBy(theirs::listUsers);
			assertThatExceptionOfType(EtcdPermissionDeniedException.class)
				.isThrownBy(() -> theirs.addUser(unique("sneaky"), "pw"));
			assertThatExceptionOfType(EtcdPermissionDeniedException.class).isThrownBy(theirs::disable);
		}
	}

	@Test
	void rootShouldStayWhileAuthenticationIsOn() {
		assertRefused(EtcdError.INVALID_AUTH_MANAGEMENT, () -> auth().deleteUser("root"));
		assertRefused(EtcdError.INVALID_AUTH_MANAGEMENT, () -> auth().revokeRole("root", "root"));
		assertThat(auth().getUser("root").orElseThrow().roles()).contains("root");
	}

	@Test
	void enablingAgainShouldChangeNothing() {
		auth().enable();
		try (EtcdClient anonymous = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			anonymous.auth().enable();
			assertThatExceptionOfType(EtcdAuthenticationException.class)
				.isThrownBy(() -> new EtcdTemplate(anonymous).get("/any"))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.USER_NAME_EMPTY));
		}
		assertThat(new EtcdTemplate(root).get("/any")).isEmpty();
	}

	private static AuthClient auth() {
		return root.auth();
	}

	private static EtcdClient clientOf(String user, String password) {
		return TestTransport.builder().endpoints(etcd.endpoints()).credentials(user, password).build();
	}

	private static EtcdctlResult etcdctlAsRoot(String... args) {
		String[] withUser = new String[args.length + 1];
		withUser[0] = "--user=root:" + ROOT_PASSWORD;
		System.arraycopy(args, 0, withUser, 1, args.length);
		EtcdctlResult result = etcd.etcdctl(withUser);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		return result;
	}

	/** The lines of one section of {@code etcdctl role get}: KV Read or KV Write. */
	private static List<String> section(List<String> lines, String title) {
		List<String> section = new ArrayList<>();
		for (String line : lines.subList(lines.indexOf(title) + 1, lines.size())) {
			if (line.startsWith("KV ")) {
				break;
			}
			section.add(line);
		}
		return section;
	}

	private static void assertRefused(EtcdError error, ThrowingCallable call) {
		Class<? extends EtcdServerException> type = (error.getCode() == 9) ? EtcdPreconditionFailedException.class
				: EtcdServerException.class;
		assertThatExceptionOfType(type).isThrownBy(call)
			.withMessageContaining(error.getServerMessage())
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(error));
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
