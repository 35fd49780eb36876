package dev.etcdspring.client.watch;

/**
 * etcd's watch API: be told of every change to a key or prefix.
 *
 * @since 0.1.0
 */
public interface WatchClient {

	/**
	 * Start watching. Changes reach the listener in revision order, each once, across
	 * reconnects to any member, until the returned handle is closed or the history the
	 * watch needs is compacted.
	 * @param request what to watch
	 * @param listener who is told
	 * @return the handle that ends the watch
	 */
	Watch watch(WatchRequest request, WatchListener listener);

}
