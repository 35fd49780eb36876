package dev.etcdspring.client.mirror;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import dev.etcdspring.client.kv.KeyValue;
import org.jspecify.annotations.Nullable;

/**
 * The keys of an {@link EtcdMirror} as they were at one etcd revision. Immutable: read
 * several keys from one snapshot to see them consistently, while the mirror moves on.
 *
 * @since 0.1.0
 */
public final class MirrorSnapshot {

	static final MirrorSnapshot EMPTY = new MirrorSnapshot(0, Map.of());

	private final long revision;

	private final Map<String, KeyValue> entries;

	/**
	 * Wrap a map that nobody changes afterwards.
	 */
	MirrorSnapshot(long revision, Map<String, KeyValue> entries) {
		this(Collections.unmodifiableMap(entries), revision);
	}

	private MirrorSnapshot(Map<String, KeyValue> unmodifiable, long revision) {
		this.revision = revision;
		this.entries = unmodifiable;
	}

	/**
	 * The same keys at a later revision that changed none of them: shares the map.
	 */
	MirrorSnapshot withRevision(long revision) {
		return new MirrorSnapshot(this.entries, revision);
	}

	/**
	 * Return the etcd revision this state was current at.
	 * @return the revision, 0 before the mirror's first load
	 */
	public long revision() {
		return this.revision;
	}

	/**
	 * Return a key's value decoded as UTF-8.
	 * @param key the key (without the namespace, if any)
	 * @return the value, or empty when the key does not exist
	 */
	public Optional<String> get(String key) {
		KeyValue kv = this.entries.get(key);
		return (kv != null) ? Optional.of(kv.valueAsString()) : Optional.empty();
	}

	/**
	 * Return a key's value and revisions.
	 * @param key the key (without the namespace, if any)
	 * @return the key-value, or empty when the key does not exist
	 */
	public Optional<KeyValue> getKeyValue(String key) {
		return Optional.ofNullable(this.entries.get(key));
	}

	/**
	 * Return every key and its key-value, in no particular order.
	 * @return an unmodifiable map
	 */
	public Map<String, KeyValue> entries() {
		return this.entries;
	}

	/**
	 * Return the number of keys.
	 * @return the number of keys
	 */
	public int size() {
		return this.entries.size();
	}

	@Nullable KeyValue find(String key) {
		return this.entries.get(key);
	}

	@Override
	public String toString() {
		// values can be secrets: keys and revision only
		return "MirrorSnapshot[revision=" + this.revision + ", keys=" + this.entries.size() + "]";
	}

}
