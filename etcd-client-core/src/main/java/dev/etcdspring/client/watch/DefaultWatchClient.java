package dev.etcdspring.client.watch;

import dev.etcdspring.client.transport.GatewayTransport;

/**
 * {@link WatchClient} with one gateway stream per watch.
 *
 * @since 0.1.0
 */
public final class DefaultWatchClient implements WatchClient {

	private final GatewayTransport transport;

	public DefaultWatchClient(GatewayTransport transport) {
		this.transport = transport;
	}

	@Override
	public Watch watch(WatchRequest request, WatchListener listener) {
		StreamWatch watch = new StreamWatch(this.transport, request, listener);
		watch.start();
		return watch;
	}

}
