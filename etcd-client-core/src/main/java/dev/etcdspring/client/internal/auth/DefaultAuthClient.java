package dev.etcdspring.client.internal.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.etcdspring.client.auth.AuthClient;
import dev.etcdspring.client.auth.AuthRole;
import dev.etcdspring.client.auth.AuthUser;
import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.internal.codec.AuthAnswers;
import dev.etcdspring.client.internal.codec.AuthRequests;
import dev.etcdspring.client.internal.codec.GatewayRequest;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;

import org.springframework.util.Assert;

/**
 * {@link AuthClient} over {@code /v3/auth/...}.
 * <p>
 * Requests that change nothing when repeated (enable, disable, a password, a role or
 * permission grant) are sent as {@link RequestKind#READ}, so that a timeout moves them to
 * another member; adding, deleting and revoking are {@link RequestKind#WRITE}s, since a
 * second attempt of one that was applied would fail with "already exists" or "not found".
 *
 * @since 0.1.0
 */
public final class DefaultAuthClient implements AuthClient {

	private final GatewayTransport transport;

	public DefaultAuthClient(GatewayTransport transport) {
		this.transport = transport;
	}

	@Override
	public void enable() {
		try {
			// without a token: while authentication is off, a client with credentials
			// cannot log in ("authentication is not enabled"), and etcd needs no user
			this.transport.callWithoutToken("auth/enable", GatewayRequests.EMPTY, Map.class, RequestKind.READ);
		}
		catch (EtcdAuthenticationException ex) {
			// etcd asks a request without a user for one only when authentication is on
			if (ex.getError() != EtcdError.USER_NAME_EMPTY) {
				throw ex;
			}
		}
	}

	@Override
	public void disable() {
		try {
			this.transport.call("auth/disable", GatewayRequests.EMPTY, Map.class, RequestKind.READ);
		}
		catch (EtcdPreconditionFailedException ex) {
			// a client with credentials could not log in: authentication is off already
			if (ex.getError() != EtcdError.AUTH_NOT_ENABLED) {
				throw ex;
			}
		}
	}

	@Override
	public void addUser(String name, String password) {
		requireUser(name);
		requirePassword(password);
		send("auth/user/add", AuthRequests.addUser(name, password), RequestKind.WRITE);
	}

	@Override
	public void addUserWithoutPassword(String name) {
		requireUser(name);
		send("auth/user/add", AuthRequests.addUserWithoutPassword(name), RequestKind.WRITE);
	}

	@Override
	public void deleteUser(String name) {
		requireUser(name);
		send("auth/user/delete", AuthRequests.user(name), RequestKind.WRITE);
	}

	@Override
	public void changePassword(String name, String password) {
		requireUser(name);
		requirePassword(password);
		send("auth/user/changepw", AuthRequests.changePassword(name, password), RequestKind.READ);
	}

	@Override
	public void grantRole(String user, String role) {
		requireUser(user);
		requireRole(role);
		send("auth/user/grant", AuthRequests.grantRole(user, role), RequestKind.READ);
	}

	@Override
	public void revokeRole(String user, String role) {
		requireUser(user);
		requireRole(role);
		send("auth/user/revoke", AuthRequests.revokeRole(user, role), RequestKind.WRITE);
	}

	@Override
	public Optional<AuthUser> getUser(String name) {
		requireUser(name);
		return ifFound(EtcdError.USER_NOT_FOUND,
				() -> new AuthUser(name,
						this.transport
							.call("auth/user/get", AuthRequests.user(name), AuthAnswers.UserGet.class, RequestKind.READ)
							.roleNames()));
	}

	@Override
	public List<String> listUsers() {
		return this.transport
			.call("auth/user/list", GatewayRequests.EMPTY, AuthAnswers.UserList.class, RequestKind.READ)
			.userNames();
	}

	@Override
	public void addRole(String name) {
		requireRole(name);
		send("auth/role/add", AuthRequests.addRole(name), RequestKind.WRITE);
	}

	@Override
	public void deleteRole(String name) {
		requireRole(name);
		send("auth/role/delete", AuthRequests.role(name), RequestKind.WRITE);
	}

	@Override
	public void grantPermission(String role, Permission permission) {
		requireRole(role);
		Assert.notNull(permission, "Permission must not be null");
		send("auth/role/grant", AuthRequests.grantPermission(role, permission), RequestKind.READ);
	}

	@Override
	public void revokePermission(String role, KeyRange keys) {
		requireRole(role);
		Assert.notNull(keys, "Keys of the permission to revoke must not be null");
		send("auth/role/revoke", AuthRequests.revokePermission(role, keys), RequestKind.WRITE);
	}

	@Override
	public Optional<AuthRole> getRole(String name) {
		requireRole(name);
		return ifFound(EtcdError.ROLE_NOT_FOUND,
				() -> new AuthRole(name,
						this.transport
							.call("auth/role/get", AuthRequests.role(name), AuthAnswers.RoleGet.class, RequestKind.READ)
							.permissions()));
	}

	@Override
	public List<String> listRoles() {
		return this.transport
			.call("auth/role/list", GatewayRequests.EMPTY, AuthAnswers.RoleList.class, RequestKind.READ)
			.roleNames();
	}

	private void send(String path, GatewayRequest request, RequestKind kind) {
		this.transport.call(path, request, Map.class, kind);
	}

	/** A missing user or role is an answer to a question, not a failure. */
	private static <T> Optional<T> ifFound(EtcdError notFound, Supplier<T> get) {
		try {
			return Optional.of(get.get());
		}
		catch (EtcdServerException ex) {
			if (ex.getError() == notFound) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private static void requireUser(String name) {
		Assert.hasText(name, "etcd user name must not be empty");
	}

	private static void requireRole(String name) {
		Assert.hasText(name, "etcd role name must not be empty");
	}

	private static void requirePassword(String password) {
		// etcd 3.4 stores the hash of an empty password and logs anyone in with it
		Assert.hasLength(password, "etcd password must not be empty: etcd would let anyone log in with an empty one "
				+ "(for a user that logs in with a TLS client certificate, use addUserWithoutPassword)");
	}

	@Override
	public String toString() {
		return "AuthClient" + this.transport.endpoints();
	}

}
