package dev.etcdspring.client.concurrency;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import dev.etcdspring.client.watch.WatchRequest;
import org.jspecify.annotations.Nullable;

/**
 * Follows an election: the candidates under its prefix, read at a revision and then kept
 * up to date by a watch from the next one, so that every change of leader is seen without
 * a read per change. After a compaction the watch delivers a fresh snapshot. Callbacks
 * come one at a time, so the state needs no lock.
 */
final class ElectionObserver implements WatchListener {

	private final LeaderListener listener;

	/** The candidates by create revision: the first one leads. */
	private final TreeMap<Long, KeyValue> candidates = new TreeMap<>();

	private final Map<ByteBuffer, Long> createRevisions = new HashMap<>();

	private final Watch watch;

	private @Nullable KeyValue reported;

	private boolean reportedNone;

	ElectionObserver(WatchClient watches, byte[] prefix, LeaderListener listener) {
		this.listener = listener;
		this.watch = watches.watch(WatchRequest.prefix(prefix).withInitialState().resyncOnCompaction(), this);
	}

	void close() {
		this.watch.close();
	}

	@Override
	public void onSnapshot(long revision, List<KeyValue> kvs) {
		this.candidates.clear();
		this.createRevisions.clear();
		kvs.forEach(this::put);
		report();
	}

	@Override
	public void onRevision(long revision, List<WatchEvent> events) {
		// a transaction may change several candidates: report once, for its outcome
		events.forEach(this::onEvent);
		report();
	}

	@Override
	public void onEvent(WatchEvent event) {
		if (event.type() == WatchEvent.Type.DELETE) {
			Long created = this.createRevisions.remove(ByteBuffer.wrap(event.kv().key()));
			if (created != null) {
				this.candidates.remove(created);
			}
		}
		else {
			put(event.kv());
		}
	}

	private void put(KeyValue kv) {
		Long previous = this.createRevisions.put(ByteBuffer.wrap(kv.key()), kv.createRevision());
		if (previous != null && previous != kv.createRevision()) {
			this.candidates.remove(previous);
		}
		this.candidates.put(kv.createRevision(), kv);
	}

	private void report() {
		Entry<Long, KeyValue> first = this.candidates.firstEntry();
		if (first == null) {
			if (!this.reportedNone) {
				this.reportedNone = true;
				this.reported = null;
				this.listener.onNoLeader();
			}
			return;
		}
		KeyValue leader = first.getValue();
		KeyValue last = this.reported;
		if (last == null || last.createRevision() != leader.createRevision()
				|| last.modRevision() != leader.modRevision()) {
			this.reported = leader;
			this.reportedNone = false;
			this.listener.onLeader(EtcdLeader.of(leader));
		}
	}

}
