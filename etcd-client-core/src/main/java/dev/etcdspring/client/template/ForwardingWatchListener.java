package dev.etcdspring.client.template;

import java.util.List;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;

/**
 * A listener that passes every call on to another, for the wrappers the watch spec puts
 * around a user's listener: each overrides only what it changes.
 */
abstract class ForwardingWatchListener implements WatchListener {

	private final WatchListener target;

	ForwardingWatchListener(WatchListener target) {
		this.target = target;
	}

	final WatchListener target() {
		return this.target;
	}

	@Override
	public void onEvent(WatchEvent event) {
		this.target.onEvent(event);
	}

	@Override
	public void onRevision(long revision, List<WatchEvent> events) {
		this.target.onRevision(revision, events);
	}

	@Override
	public void onSnapshot(long revision, List<KeyValue> kvs) {
		this.target.onSnapshot(revision, kvs);
	}

	@Override
	public void onProgress(long revision) {
		this.target.onProgress(revision);
	}

	@Override
	public void onCompacted(long compactRevision) {
		this.target.onCompacted(compactRevision);
	}

	@Override
	public void onCancelled(EtcdException cause) {
		this.target.onCancelled(cause);
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		this.target.onDisconnected(cause);
	}

}
