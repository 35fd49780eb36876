package dev.etcdspring.client.template;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;

/**
 * Tells a listener that resyncs after a compaction which keys were deleted in the history
 * it lost, so that state it keeps from its events matches etcd again.
 * <p>
 * A resync snapshot holds the keys that exist, not those that went away: a listener that
 * keeps a map from puts and deletes would keep the vanished keys forever. So the keys the
 * listener was told exist (puts minus deletes) are kept here, and before a snapshot each
 * of them missing from it is delivered as a DELETE. Touched only by the watch's
 * deliveries, one at a time.
 */
final class ResyncDeletesListener extends ForwardingWatchListener {

	private Set<ByteBuffer> present = new HashSet<>();

	ResyncDeletesListener(WatchListener target) {
		super(target);
	}

	@Override
	public void onEvent(WatchEvent event) {
		track(event);
		target().onEvent(event);
	}

	@Override
	public void onRevision(long revision, List<WatchEvent> events) {
		events.forEach(this::track);
		target().onRevision(revision, events);
	}

	@Override
	public void onSnapshot(long revision, List<KeyValue> kvs) {
		Set<ByteBuffer> current = new HashSet<>();
		kvs.forEach((kv) -> current.add(ByteBuffer.wrap(kv.key())));
		List<byte[]> deleted = this.present.stream()
			.filter((key) -> !current.contains(key))
			.map(ByteBuffer::array)
			.sorted(Arrays::compareUnsigned)
			.toList();
		// the snapshot is the whole state: it replaces what the events built
		this.present = current;
		for (byte[] key : deleted) {
			// etcd compacted the delete itself away: its revision is at most this one
			target().onEvent(
					new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, revision, 0, 0), null));
		}
		target().onSnapshot(revision, kvs);
	}

	private void track(WatchEvent event) {
		ByteBuffer key = ByteBuffer.wrap(event.kv().key());
		if (event.type() == WatchEvent.Type.PUT) {
			this.present.add(key);
		}
		else {
			this.present.remove(key);
		}
	}

}
