package dev.etcdspring.client.auth;

/**
 * What a {@link Permission} lets a role's users do with its keys: etcd's
 * {@code authpb.Permission.Type}, spelled as {@code etcdctl role grant-permission} spells
 * it.
 *
 * @since 0.1.0
 */
public enum PermissionType {

	/** Read the keys: get, list, watch. */
	READ,

	/** Write the keys: put, delete. */
	WRITE,

	/** Both read and write the keys. */
	READWRITE

}
