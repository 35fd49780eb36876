package dev.etcdspring.client.auth;

import java.util.List;

/**
 * An etcd user and the roles granted to it. Passwords are never read back: etcd keeps
 * only their bcrypt hash.
 *
 * @param name the user name
 * @param roles the names of the roles granted to the user, in etcd's order (sorted)
 * @since 0.1.0
 */
public record AuthUser(String name, List<String> roles) {

	public AuthUser {
		roles = List.copyOf(roles);
	}

}
