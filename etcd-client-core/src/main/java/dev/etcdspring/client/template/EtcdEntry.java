package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import dev.etcdspring.client.kv.Keys;
import org.jspecify.annotations.Nullable;

/**
 * A key with its typed value and revisions, as {@link EtcdTemplate} returns it. etcd keys
 * are bytes: {@link #key()} is their UTF-8 text, {@link #keyBytes()} the exact bytes, for
 * keys that may not be UTF-8.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class EtcdEntry<T> {

	private final byte[] key;

	private final @Nullable T value;

	private final long createRevision;

	private final long modRevision;

	private final long version;

	private final long lease;

	/**
	 * Create an entry.
	 * @param key the key's bytes, without the template's namespace
	 * @param value the value ({@code null} in a keys-only listing)
	 * @param createRevision the revision that created the key
	 * @param modRevision the revision of the key's last change
	 * @param version how many times the key changed since it was created
	 * @param lease the lease the key is attached to, or 0
	 */
	public EtcdEntry(byte[] key, @Nullable T value, long createRevision, long modRevision, long version, long lease) {
		this.key = key.clone();
		this.value = value;
		this.createRevision = createRevision;
		this.modRevision = modRevision;
		this.version = version;
		this.lease = lease;
	}

	/**
	 * Return the key as UTF-8 text, without the template's namespace. Bytes that are not
	 * UTF-8 become U+FFFD: use {@link #keyBytes()} for binary keys.
	 * @return the key
	 */
	public String key() {
		return new String(this.key, StandardCharsets.UTF_8);
	}

	/**
	 * Return the key's exact bytes, without the template's namespace.
	 * @return a copy of the key
	 * @since 0.1.0
	 */
	public byte[] keyBytes() {
		return this.key.clone();
	}

	/**
	 * Return the value.
	 * @return the value, {@code null} in a keys-only listing
	 */
	public @Nullable T value() {
		return this.value;
	}

	/**
	 * Return the revision that created the key.
	 * @return the create revision
	 */
	public long createRevision() {
		return this.createRevision;
	}

	/**
	 * Return the revision of the key's last change.
	 * @return the mod revision
	 */
	public long modRevision() {
		return this.modRevision;
	}

	/**
	 * Return how many times the key changed since it was created.
	 * @return the version
	 */
	public long version() {
		return this.version;
	}

	/**
	 * Return the lease the key is attached to.
	 * @return the lease id, or 0
	 */
	public long lease() {
		return this.lease;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof EtcdEntry<?> entry && Arrays.equals(this.key, entry.key)
				&& Objects.equals(this.value, entry.value) && this.createRevision == entry.createRevision
				&& this.modRevision == entry.modRevision && this.version == entry.version && this.lease == entry.lease);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.key) + Objects.hash(this.value, this.modRevision, this.version);
	}

	@Override
	public String toString() {
		// values can be secrets
		return "EtcdEntry[key=" + Keys.printable(this.key) + ", modRevision=" + this.modRevision + ", version="
				+ this.version + (this.lease != 0 ? ", lease=" + Long.toHexString(this.lease) : "") + "]";
	}

}
