package dev.etcdspring.client.watch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.internal.watch.WatchMessageReaders;
import dev.etcdspring.client.kv.KeyValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One change of one key.
 *
 * @param type put or delete
 * @param kv the key-value after the change (for a delete: the key and the delete's
 * revision)
 * @param prevKv the key-value before the change, when asked for
 * @since 0.1.0
 */
@JsonDeserialize(using = WatchMessageReaders.EventReader.class)
public record WatchEvent(@JsonProperty("type") Type type, @JsonProperty("kv") KeyValue kv,
		@JsonProperty("prev_kv") @Nullable KeyValue prevKv) {

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
