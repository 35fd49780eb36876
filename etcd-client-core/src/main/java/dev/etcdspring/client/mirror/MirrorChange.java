package dev.etcdspring.client.mirror;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.etcdspring.client.watch.WatchEvent;

/**
 * What one step of an {@link EtcdMirror} changed: all changes of one etcd revision (those
 * of a transaction come together, never split), the first load, or a resync after a
 * compaction. Keys are relative to the mirror's namespace, if any.
 *
 * @param kind why the mirror changed
 * @param revision the revision the mirror now shows
 * @param events the changes, in etcd's order: for {@link Kind#LOADED} one put per key;
 * for {@link Kind#RESYNCED} the difference between the states before and after (a delete
 * for each key that is gone, a put for each key that is new or changed)
 * @param previous the mirror's state before
 * @param current the mirror's state after, what {@link EtcdMirror#snapshot()} returns
 * @since 0.1.0
 */
public record MirrorChange(Kind kind, long revision, List<WatchEvent> events, MirrorSnapshot previous,
		MirrorSnapshot current) {

	public MirrorChange {
		events = List.copyOf(events);
	}

	/**
	 * Return the keys that changed, in the order of {@link #events()}.
	 * @return the keys, decoded as UTF-8
	 */
	public Set<String> changedKeys() {
		Set<String> keys = new LinkedHashSet<>();
		this.events.forEach((event) -> keys.add(event.kv().keyAsString()));
		return keys;
	}

	/** Why a mirror changed. */
	public enum Kind {

		/** The first read of the prefix, at the revision the watch then starts after. */
		LOADED,

		/** The changes of one etcd revision. */
		CHANGED,

		/**
		 * A fresh read after etcd compacted history the watch still needed: the
		 * difference to the previous state stands for changes that could not be delivered
		 * one by one.
		 */
		RESYNCED

	}

}
