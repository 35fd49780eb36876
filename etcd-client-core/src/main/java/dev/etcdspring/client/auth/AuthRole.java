package dev.etcdspring.client.auth;

import java.util.List;

/**
 * An etcd role and the permissions granted to it.
 *
 * @param name the role name
 * @param permissions the permissions, in etcd's order (by key)
 * @since 0.1.0
 */
public record AuthRole(String name, List<Permission> permissions) {

	public AuthRole {
		permissions = List.copyOf(permissions);
	}

}
