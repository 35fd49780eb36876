package dev.etcdspring.boot.autoconfigure.config;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One etcd path imported as configuration: {@code etcd:/config/myapp/}, or its
 * profile-specific companion such as {@code /config/myapp-dev/}.
 *
 * @since 0.1.0
 */
public final class EtcdConfigDataResource extends ConfigDataResource {

	private final String basePath;

	private final String path;

	private final @Nullable String profile;

	private final boolean optional;

	EtcdConfigDataResource(String basePath, String path, @Nullable String profile, boolean optional) {
		super(optional);
		this.basePath = basePath;
		this.path = path;
		this.profile = profile;
		this.optional = optional;
	}

	/**
	 * Return the path of the {@code etcd:} location this resource was resolved from, such
	 * as {@code /config/myapp/}.
	 * @return the location's path, with a trailing {@code /}
	 */
	public String getBasePath() {
		return this.basePath;
	}

	/**
	 * Return the path whose keys this resource holds: the location's, or for a profile
	 * its companion, such as {@code /config/myapp-dev/}.
	 * @return the path, with a trailing {@code /}
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the profile this resource is specific to.
	 * @return the profile, or {@code null} for the location itself
	 */
	public @Nullable String getProfile() {
		return this.profile;
	}

	/** Whether the location was imported with {@code optional:}. */
	boolean optional() {
		return this.optional;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EtcdConfigDataResource that && this.path.equals(that.path)
				&& Objects.equals(this.profile, that.profile);
	}

	@Override
	public int hashCode() {
		return this.path.hashCode();
	}

	@Override
	public String toString() {
		return EtcdConfigDataLocationResolver.PREFIX + this.path;
	}

}
