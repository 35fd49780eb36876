package dev.etcdspring.client.internal.codec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.auth.KeyRange;
import dev.etcdspring.client.auth.Permission;
import dev.etcdspring.client.auth.PermissionType;
import org.jspecify.annotations.Nullable;

/**
 * The answers of the auth administration API, rare enough for Jackson to map them
 * reflectively. Like every gateway answer they omit defaults: no list when it is empty,
 * no {@code permType} for {@code READ} (the enum's 0).
 *
 * @since 0.1.0
 */
public final class AuthAnswers {

	private AuthAnswers() {
	}

	/**
	 * The answer to {@code auth/user/get}.
	 *
	 * @param roles the user's roles
	 */
	public record UserGet(@JsonProperty("roles") @Nullable List<String> roles) {

		/**
		 * Return the roles, empty when etcd omitted them.
		 * @return the role names
		 */
		public List<String> roleNames() {
			return (this.roles != null) ? this.roles : List.of();
		}

	}

	/**
	 * The answer to {@code auth/user/list}.
	 *
	 * @param users the user names
	 */
	public record UserList(@JsonProperty("users") @Nullable List<String> users) {

		/**
		 * Return the users, empty when etcd omitted them.
		 * @return the user names
		 */
		public List<String> userNames() {
			return (this.users != null) ? this.users : List.of();
		}

	}

	/**
	 * The answer to {@code auth/role/list}.
	 *
	 * @param roles the role names
	 */
	public record RoleList(@JsonProperty("roles") @Nullable List<String> roles) {

		/**
		 * Return the roles, empty when etcd omitted them.
		 * @return the role names
		 */
		public List<String> roleNames() {
			return (this.roles != null) ? this.roles : List.of();
		}

	}

	/**
	 * The answer to {@code auth/role/get}.
	 *
	 * @param perm the role's permissions
	 */
	public record RoleGet(@JsonProperty("perm") @Nullable List<WirePermission> perm) {

		/**
		 * Return the permissions in the public model.
		 * @return the permissions, empty when etcd omitted them
		 */
		public List<Permission> permissions() {
			return (this.perm != null) ? this.perm.stream().map(WirePermission::toPermission).toList() : List.of();
		}

	}

	/**
	 * A permission as etcd spells it.
	 *
	 * @param permType {@code READ} (omitted), {@code WRITE} or {@code READWRITE}
	 * @param key the key or first key; omitted when empty
	 * @param rangeEnd the end of the range; omitted for one key
	 */
	public record WirePermission(@JsonProperty("permType") @Nullable String permType,
			@JsonProperty("key") byte @Nullable [] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd) {

		Permission toPermission() {
			PermissionType type = (this.permType != null) ? PermissionType.valueOf(this.permType) : PermissionType.READ;
			return new Permission(type, KeyRange.of(this.key, this.rangeEnd));
		}

	}

}
