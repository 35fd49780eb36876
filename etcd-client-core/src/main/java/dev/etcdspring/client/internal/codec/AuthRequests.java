package dev.etcdspring.client.internal.codec;

import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;

/**
 * The JSON of the auth administration requests ({@code /v3/auth/user/...},
 * {@code /v3/auth/role/...}). The field names are etcd's proto names, which differ from
 * one request to the next: a user is {@code name} in most requests but {@code user} in a
 * role grant, a role is {@code role} in most but {@code name} when it is added or granted
 * a permission.
 *
 * @since 0.1.0
 */
public final class AuthRequests {

	private AuthRequests() {
	}

	/**
	 * A user with a password, for {@code auth/user/add}.
	 * @param name the user name
	 * @param password the password
	 * @return the request
	 */
	public static GatewayRequest addUser(String name, String password) {
		return (json) -> json.field("name", name).field("password", password);
	}

	/**
	 * A user that authenticates by TLS client certificate only, for
	 * {@code auth/user/add}.
	 * @param name the user name
	 * @return the request
	 */
	public static GatewayRequest addUserWithoutPassword(String name) {
		return (json) -> json.field("name", name).beginObject("options").field("no_password", true).endObject();
	}

	/**
	 * A request about one user: {@code auth/user/delete}, {@code auth/user/get}.
	 * @param name the user name
	 * @return the request
	 */
	public static GatewayRequest user(String name) {
		return (json) -> json.field("name", name);
	}

	/**
	 * A new password, for {@code auth/user/changepw}.
	 * @param name the user name
	 * @param password the new password
	 * @return the request
	 */
	public static GatewayRequest changePassword(String name, String password) {
		return (json) -> json.field("name", name).field("password", password);
	}

	/**
	 * A role for a user, for {@code auth/user/grant}.
	 * @param user the user name
	 * @param role the role name
	 * @return the request
	 */
	public static GatewayRequest grantRole(String user, String role) {
		return (json) -> json.field("user", user).field("role", role);
	}

	/**
	 * A role to take from a user, for {@code auth/user/revoke}.
	 * @param user the user name
	 * @param role the role name
	 * @return the request
	 */
	public static GatewayRequest revokeRole(String user, String role) {
		return (json) -> json.field("name", user).field("role", role);
	}

	/**
	 * A new role, for {@code auth/role/add}.
	 * @param name the role name
	 * @return the request
	 */
	public static GatewayRequest addRole(String name) {
		return (json) -> json.field("name", name);
	}

	/**
	 * A request about one role: {@code auth/role/delete}, {@code auth/role/get}.
	 * @param name the role name
	 * @return the request
	 */
	public static GatewayRequest role(String name) {
		return (json) -> json.field("role", name);
	}

	/**
	 * A permission for a role, for {@code auth/role/grant}.
	 * @param role the role name
	 * @param permission the permission
	 * @return the request
	 */
	public static GatewayRequest grantPermission(String role, Permission permission) {
		return (json) -> {
			json.field("name", role);
			json.beginObject("perm");
			json.field("permType", permission.type().name());
			keys(json, permission.keys());
			json.endObject();
		};
	}

	/**
	 * The keys of a permission to take from a role, for {@code auth/role/revoke}.
	 * @param role the role name
	 * @param keys the keys, as granted
	 * @return the request
	 */
	public static GatewayRequest revokePermission(String role, KeyRange keys) {
		return (json) -> {
			json.field("role", role);
			keys(json, keys);
		};
	}

	private static void keys(GatewayJsonWriter json, KeyRange keys) {
		json.field("key", keys.key());
		if (!keys.isSingleKey()) {
			json.field("range_end", keys.rangeEnd());
		}
	}

}
