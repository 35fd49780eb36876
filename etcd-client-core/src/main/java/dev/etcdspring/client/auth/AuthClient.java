package dev.etcdspring.client.auth;

import java.util.List;
import java.util.Optional;

/**
 * etcd's authentication administration: turning authentication on and off, users and
 * roles, what {@code etcdctl auth}, {@code etcdctl user} and {@code etcdctl role} do.
 * <p>
 * Once authentication is enabled, only a user with the {@code root} role may call these
 * methods (etcd answers others with
 * {@link dev.etcdspring.client.exception.EtcdPermissionDeniedException}), except
 * {@link #getUser(String)} of one's own user. etcd's refusals are thrown as
 * {@link dev.etcdspring.client.exception.EtcdServerException}s whose
 * {@link dev.etcdspring.client.exception.EtcdServerException#getError() error} tells
 * which: {@code USER_NOT_FOUND}, {@code USER_ALREADY_EXISTS}, {@code ROLE_NOT_FOUND},
 * {@code ROLE_ALREADY_EXISTS}, {@code ROLE_NOT_GRANTED}, {@code PERMISSION_NOT_GRANTED},
 * {@code ROOT_USER_NOT_FOUND}, {@code ROOT_ROLE_NOT_GRANTED},
 * {@code INVALID_AUTH_MANAGEMENT}. Passwords are sent to etcd and nowhere else: never to
 * logs, exception messages or {@code toString()}.
 *
 * @since 0.1.0
 */
public interface AuthClient {

	/**
	 * Turn authentication on (etcdctl's {@code auth enable}). etcd requires a user
	 * {@code root} with the role {@code root} first:
	 * {@code addUser("root", password); grantRole("root", "root")}. Enabling an etcd
	 * whose authentication is on already does nothing.
	 * <p>
	 * The call needs no credentials, so a client without them can make it. From then on
	 * etcd serves only requests with a user: a client without credentials fails with an
	 * {@link dev.etcdspring.client.exception.EtcdAuthenticationException}
	 * ({@code USER_NAME_EMPTY}) on every read, write and watch, and needs to be replaced
	 * by one built with {@code credentials(...)}; a client with credentials logs in on
	 * its next request.
	 * @throws dev.etcdspring.client.exception.EtcdPreconditionFailedException when there
	 * is no {@code root} user ({@code ROOT_USER_NOT_FOUND}) or it lacks the {@code root}
	 * role ({@code ROOT_ROLE_NOT_GRANTED})
	 */
	void enable();

	/**
	 * Turn authentication off (etcdctl's {@code auth disable}); only a {@code root} user
	 * may. Disabling an etcd whose authentication is off already does nothing.
	 * <p>
	 * From then on etcd refuses to log users in: clients with credentials, this one
	 * included, fail with an
	 * {@link dev.etcdspring.client.exception.EtcdPreconditionFailedException}
	 * ({@code AUTH_NOT_ENABLED}) on their next request, as they would at startup against
	 * an etcd without authentication; use a client without credentials. {@link #enable()}
	 * still works from this client.
	 */
	void disable();

	/**
	 * Add a user that logs in with a password.
	 * @param name the user name
	 * @param password the password, not empty (etcd 3.4 would let anyone log in with an
	 * empty one)
	 */
	void addUser(String name, String password);

	/**
	 * Add a user without a password, which can only authenticate with the common name of
	 * a TLS client certificate (etcd's {@code --client-cert-auth}), as
	 * {@code etcdctl user add --no-password} does.
	 * @param name the user name
	 */
	void addUserWithoutPassword(String name);

	/**
	 * Delete a user. etcd refuses to delete {@code root} while authentication is on.
	 * @param name the user name
	 */
	void deleteUser(String name);

	/**
	 * Change a user's password. etcd makes every client log in again after a change of
	 * users or roles, so clients that still have the old password fail on their next
	 * request with an
	 * {@link dev.etcdspring.client.exception.EtcdAuthenticationException}.
	 * @param name the user name
	 * @param password the new password, not empty
	 */
	void changePassword(String name, String password);

	/**
	 * Grant a role to a user; granting it again does nothing.
	 * @param user the user name
	 * @param role the role name ({@code root} makes the user an administrator)
	 */
	void grantRole(String user, String role);

	/**
	 * Revoke a role from a user.
	 * @param user the user name
	 * @param role the role name
	 */
	void revokeRole(String user, String role);

	/**
	 * Return a user and its roles.
	 * @param name the user name
	 * @return the user, or empty when etcd has no such user
	 */
	Optional<AuthUser> getUser(String name);

	/**
	 * List the users.
	 * @return the user names, sorted
	 */
	List<String> listUsers();

	/**
	 * Add a role, without permissions.
	 * @param name the role name
	 */
	void addRole(String name);

	/**
	 * Delete a role; it is revoked from every user that has it.
	 * @param name the role name
	 */
	void deleteRole(String name);

	/**
	 * Grant a permission to a role. A permission on the same keys is replaced, so
	 * {@code grantPermission(role, Permission.readWrite(keys))} after
	 * {@code Permission.read(keys)} leaves one permission to read and write.
	 * @param role the role name
	 * @param permission what to allow on which keys
	 */
	void grantPermission(String role, Permission permission);

	/**
	 * Revoke the permission on exactly {@code keys} from a role, whatever its type.
	 * @param role the role name
	 * @param keys the keys of the permission, as granted
	 */
	void revokePermission(String role, KeyRange keys);

	/**
	 * Return a role and its permissions. etcd 3.4 answers "not found" for the built-in
	 * {@code root} role until it is added explicitly.
	 * @param name the role name
	 * @return the role, or empty when etcd has no such role
	 */
	Optional<AuthRole> getRole(String name);

	/**
	 * List the roles.
	 * @return the role names, sorted
	 */
	List<String> listRoles();

}
