package dev.etcdspring.client.internal.watch;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.client.watch.WatchMetrics;
import org.jspecify.annotations.Nullable;

/**
 * How the watch engine runs.
 *
 * @param probeInterval how often the member serving the watch stream is checked; a member
 * that does not answer a status request within the same time (or has no leader) loses the
 * stream to another member
 * @param queueCapacity how many revisions may wait for one slow listener; past that the
 * subscription stops buffering and catches up from etcd's history once its listener has
 * drained, so memory stays bounded and nothing is lost (unless etcd compacts meanwhile)
 * @param deliveryExecutor runs listener code; {@code null} for the engine's own threads,
 * which also read the streams (listener code never runs on a thread while it reads one)
 * @param metrics told about events, reconnects and compactions
 * @param startTimeout how long {@link WatchClient#watch} may wait for etcd to tell the
 * revision a watch "from now" starts at; past it the watch starts from the first revision
 * its stream sees, and a warning names the endpoints
 * @since 0.1.0
 */
public record WatchSettings(Duration probeInterval, int queueCapacity, @Nullable Executor deliveryExecutor,
		WatchMetrics metrics, Duration startTimeout) {

	/** Default time a new watch waits for etcd to tell its start revision. */
	public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(2);

	/** Default time between liveness probes of the serving member. */
	public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);

	/** Default number of revisions buffered for one listener. */
	public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

}
