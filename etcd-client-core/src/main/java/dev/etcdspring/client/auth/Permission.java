package dev.etcdspring.client.auth;

import org.springframework.util.Assert;

/**
 * A permission of a role: reading, writing or both, on a {@link KeyRange}.
 * {@code Permission.readWrite(KeyRange.prefix("/app/"))}.
 *
 * @param type what the permission allows
 * @param keys the keys it covers
 * @since 0.1.0
 */
public record Permission(PermissionType type, KeyRange keys) {

	public Permission {
		Assert.notNull(type, "Permission type must not be null");
		Assert.notNull(keys, "Permission keys must not be null");
	}

	/**
	 * Allow reading {@code keys}.
	 * @param keys the keys
	 * @return the permission
	 */
	public static Permission read(KeyRange keys) {
		return new Permission(PermissionType.READ, keys);
	}

	/**
	 * Allow writing {@code keys}.
	 * @param keys the keys
	 * @return the permission
	 */
	public static Permission write(KeyRange keys) {
		return new Permission(PermissionType.WRITE, keys);
	}

	/**
	 * Allow reading and writing {@code keys}.
	 * @param keys the keys
	 * @return the permission
	 */
	public static Permission readWrite(KeyRange keys) {
		return new Permission(PermissionType.READWRITE, keys);
	}

	@Override
	public String toString() {
		return this.type + " " + this.keys;
	}

}
