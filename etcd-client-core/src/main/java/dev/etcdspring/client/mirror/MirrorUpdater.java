package dev.etcdspring.client.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;

/**
 * Turns a watch's deliveries into mirror states. The watch engine calls it one delivery
 * at a time, in revision order, so it needs no lock: each new state is built aside and
 * published whole.
 */
final class MirrorUpdater implements WatchListener {

	private final EtcdMirror mirror;

	private final MirrorKeys keys;

	private boolean loaded;

	MirrorUpdater(EtcdMirror mirror, MirrorKeys keys) {
		this.mirror = mirror;
		this.keys = keys;
	}

	@Override
	public void onEvent(WatchEvent event) {
		onRevision(event.revision(), List.of(event));
	}

	@Override
	public void onRevision(long revision, List<WatchEvent> events) {
		MirrorSnapshot before = this.mirror.snapshot();
		if (revision <= before.revision()) {
			return;
		}
		Map<String, KeyValue> next = null;
		List<WatchEvent> kept = new ArrayList<>(events.size());
		for (WatchEvent event : events) {
			String key = this.keys.userKey(event.kv().key());
			if (!this.keys.accepts(key)) {
				continue;
			}
			if (next == null) {
				// copy-on-write: readers keep the old map until the new one is whole
				next = new HashMap<>(before.entries());
			}
			KeyValue kv = this.keys.strip(event.kv());
			if (event.type() == WatchEvent.Type.DELETE) {
				next.remove(key);
			}
			else {
				next.put(key, kv);
			}
			kept.add(new WatchEvent(event.type(), kv, null));
		}
		MirrorSnapshot after = (next != null) ? new MirrorSnapshot(revision, next) : before.withRevision(revision);
		this.mirror.publish(new MirrorChange(MirrorChange.Kind.CHANGED, revision, kept, before, after));
	}

	@Override
	public void onSnapshot(long revision, List<KeyValue> kvs) {
		MirrorSnapshot before = this.mirror.snapshot();
		Map<String, KeyValue> next = new HashMap<>(Math.max(16, kvs.size() * 4 / 3 + 1));
		for (KeyValue kv : kvs) {
			String key = this.keys.userKey(kv.key());
			if (this.keys.accepts(key)) {
				next.put(key, this.keys.strip(kv));
			}
		}
		MirrorSnapshot after = new MirrorSnapshot(revision, next);
		MirrorChange.Kind kind = this.loaded ? MirrorChange.Kind.RESYNCED : MirrorChange.Kind.LOADED;
		this.loaded = true;
		this.mirror.publish(new MirrorChange(kind, revision, difference(before, after), before, after));
	}

	/**
	 * The changes that lead from one state to the other: a delete for each key that is
	 * gone, then a put for each key that is new or was changed since.
	 */
	private static List<WatchEvent> difference(MirrorSnapshot before, MirrorSnapshot after) {
		List<WatchEvent> events = new ArrayList<>();
		before.entries().forEach((key, old) -> {
			if (after.find(key) == null) {
				KeyValue gone = new KeyValue(old.key(), null, 0, after.revision(), 0, 0);
				events.add(new WatchEvent(WatchEvent.Type.DELETE, gone, null));
			}
		});
		after.entries().forEach((key, kv) -> {
			KeyValue old = before.find(key);
			if (old == null || old.modRevision() != kv.modRevision()) {
				events.add(new WatchEvent(WatchEvent.Type.PUT, kv, null));
			}
		});
		return events;
	}

	@Override
	public void onCancelled(EtcdException cause) {
		this.mirror.ended(cause);
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		this.mirror.failed(cause);
	}

}
