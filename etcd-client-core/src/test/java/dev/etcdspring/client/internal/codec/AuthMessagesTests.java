package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;
import dev.etcdspring.client.auth.PermissionType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth administration messages in the shapes etcd 3.4's gateway accepts and sends
 * (recorded with curl): its field names differ from one request to the next, and its
 * answers omit {@code READ}, empty keys and empty lists. {@code AuthClientTests} runs
 * them against etcd.
 */
class AuthMessagesTests {

	@Test
	void userRequestsShouldUseEachRequestsOwnFieldNames() {
		assertThat(json(AuthRequests.addUser("alice", "pw"))).isEqualTo("{\"name\":\"alice\",\"password\":\"pw\"}");
		assertThat(json(AuthRequests.addUserWithoutPassword("alice")))
			.isEqualTo("{\"name\":\"alice\",\"options\":{\"no_password\":true}}");
		assertThat(json(AuthRequests.grantRole("alice", "app"))).isEqualTo("{\"user\":\"alice\",\"role\":\"app\"}");
		assertThat(json(AuthRequests.revokeRole("alice", "app"))).isEqualTo("{\"name\":\"alice\",\"role\":\"app\"}");
		assertThat(json(AuthRequests.user("alice"))).isEqualTo("{\"name\":\"alice\"}");
	}

	@Test
	void passwordShouldBeEscapedAsAnyString() {
		assertThat(json(AuthRequests.changePassword("alice", "a\"b\\c")))
			.isEqualTo("{\"name\":\"alice\",\"password\":\"a\\u0022b\\u005cc\"}");
	}

	@Test
	void roleRequestsShouldUseEachRequestsOwnFieldNames() {
		assertThat(json(AuthRequests.addRole("app"))).isEqualTo("{\"name\":\"app\"}");
		assertThat(json(AuthRequests.role("app"))).isEqualTo("{\"role\":\"app\"}");
	}

	@Test
	void permissionShouldBeSentWithItsTypeAndRangeEndOnlyForARange() {
		assertThat(json(AuthRequests.grantPermission("app", Permission.read(KeyRange.key("/a")))))
			.isEqualTo("{\"name\":\"app\",\"perm\":{\"permType\":\"READ\",\"key\":\"L2E=\"}}");
		assertThat(json(AuthRequests.grantPermission("app", Permission.readWrite(KeyRange.prefix("/a"))))).isEqualTo(
				"{\"name\":\"app\",\"perm\":{\"permType\":\"READWRITE\",\"key\":\"L2E=\",\"range_end\":\"L2I=\"}}");
		assertThat(json(AuthRequests.revokePermission("app", KeyRange.prefix(""))))
			.isEqualTo("{\"role\":\"app\",\"key\":\"AA==\",\"range_end\":\"AA==\"}");
		assertThat(json(AuthRequests.revokePermission("app", KeyRange.key("/a"))))
			.isEqualTo("{\"role\":\"app\",\"key\":\"L2E=\"}");
	}

	@Test
	void roleAnswerShouldReadAnOmittedTypeAsReadAndOmittedKeysAsEmpty() {
		AuthAnswers.RoleGet answer = GatewayJson.read(bytes("""
				{"header":{"revision":"3"},"perm":[{},{"key":"L2E=","range_end":"L2I="},
				{"permType":"WRITE","key":"L3g="},{"permType":"READWRITE","key":"L3k=","range_end":"AA=="}]}"""),
				AuthAnswers.RoleGet.class);
		assertThat(answer.permissions()).containsExactly(new Permission(PermissionType.READ, KeyRange.of(null, null)),
				Permission.read(KeyRange.prefix("/a")), Permission.write(KeyRange.key("/x")),
				Permission.readWrite(KeyRange.range(bytes("/y"), new byte[] { 0 })));
	}

	@Test
	void answersWithoutListsShouldBeEmpty() {
		String header = "{\"header\":{\"revision\":\"1\"}}";
		assertThat(GatewayJson.read(bytes(header), AuthAnswers.RoleGet.class).permissions()).isEmpty();
		assertThat(GatewayJson.read(bytes(header), AuthAnswers.UserGet.class).roleNames()).isEmpty();
		assertThat(GatewayJson.read(bytes(header), AuthAnswers.UserList.class).userNames()).isEmpty();
		assertThat(GatewayJson.read(bytes(header), AuthAnswers.RoleList.class).roleNames()).isEmpty();
		assertThat(GatewayJson.read(bytes("{\"users\":[\"alice\",\"root\"]}"), AuthAnswers.UserList.class).userNames())
			.containsExactly("alice", "root");
	}

	private static String json(GatewayRequest request) {
		return new String(GatewayJsonWriter.write(request), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
