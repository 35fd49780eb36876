package dev.etcdspring.client.template;

import org.jspecify.annotations.Nullable;

/**
 * A key with its typed value and revisions, as {@link EtcdTemplate} returns it.
 *
 * @param <T> the value type
 * @param key the key, without the template's namespace
 * @param value the value ({@code null} in a keys-only listing)
 * @param createRevision the revision that created the key
 * @param modRevision the revision of the key's last change
 * @param version how many times the key changed since it was created
 * @param lease the lease the key is attached to, or 0
 * @since 0.1.0
 */
public record EtcdEntry<T>(String key, @Nullable T value, long createRevision, long modRevision, long version,
		long lease) {

	@Override
	public String toString() {
		// values can be secrets
		return "EtcdEntry[key=" + this.key + ", modRevision=" + this.modRevision + ", version=" + this.version + "]";
	}

}
