package dev.etcdspring.client.watch;

import dev.etcdspring.client.kv.KeyValue;
import org.jspecify.annotations.Nullable;

/**
 * One change of one key.
 *
 * @param type put or delete
 * @param kv the key-value after the change (for a delete: the key and the delete's
 * revision)
 * @param prevKv the key-value before the change, when asked for
 * @since 0.1.0
 */
public record WatchEvent(Type type, KeyValue kv, @Nullable KeyValue prevKv) {

	public WatchEvent {
		// etcd omits the default enum value: no "type" means PUT
		type = (type != null) ? type : Type.PUT;
	}

	/**
	 * Return the revision of the change.
	 * @return the revision
	 */
	public long revision() {
		return this.kv.modRevision();
	}

	/** The kind of change. */
	public enum Type {

		/** The key was created or updated. */
		PUT,

		/** The key was deleted. */
		DELETE

	}

}
