package dev.etcdspring.client.internal.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a transport's endpoints in line with the cluster's member list, so that members
 * added or replaced since the client was configured are found: at once, then every
 * interval, on a daemon thread of its own (a member list that takes a request timeout to
 * fail must not hold up lease keep-alives).
 * <p>
 * Each started, voting member contributes one client URL, as it advertises it: the one
 * already in use when there is one, else its first URL of a scheme the configured
 * endpoints use. So a client configured for {@code https} never moves to plain
 * {@code http}. Learners are left out: they serve only serializable reads. When the
 * answer names no usable member, the endpoints stay as they are.
 *
 * @since 0.1.0
 */
public final class MemberDiscovery implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MemberDiscovery.class);

	private final GatewayTransport transport;

	private final ClusterClient cluster;

	private final Set<String> schemes;

	private final ScheduledExecutorService scheduler;

	/** Whether the last refresh failed: a failing cluster warns once, not every time. */
	private volatile boolean failing;

	private MemberDiscovery(GatewayTransport transport, ClusterClient cluster, String threadName) {
		this.transport = transport;
		this.cluster = cluster;
		this.schemes = schemesOf(transport.endpoints());
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Refresh the endpoints of {@code transport} at once, then every {@code interval}.
	 * @param transport the transport whose endpoints to keep current
	 * @param cluster reads the member list (through {@code transport})
	 * @param interval the time between two refreshes
	 * @param threadName the name of the refreshing thread
	 * @return the running discovery; close it to stop
	 */
	public static MemberDiscovery start(GatewayTransport transport, ClusterClient cluster, Duration interval,
			String threadName) {
		MemberDiscovery discovery = new MemberDiscovery(transport, cluster, threadName);
		discovery.scheduler.scheduleWithFixedDelay(discovery::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		return discovery;
	}

	/** Read the member list once and use what it says. */
	void refresh() {
		List<Member> members;
		try {
			members = this.cluster.members();
		}
		catch (EtcdException ex) {
			if (this.scheduler.isShutdown()) {
				// the client is closing: its requests fail on purpose
				return;
			}
			if (!this.failing) {
				this.failing = true;
				logger.warn("Cannot read the etcd member list to refresh the endpoints " + this.transport.endpoints()
						+ "; keeping them: " + ex.getMessage());
			}
			return;
		}
		catch (RuntimeException ex) {
			// never let the scheduler drop the task: a later refresh may well succeed
			logger.warn("Cannot refresh the etcd endpoints from the member list", ex);
			return;
		}
		this.failing = false;
		List<String> current = this.transport.endpoints();
		List<String> found = endpointsOf(members, current, this.schemes);
		if (found.isEmpty()) {
			logger.warn("The etcd member list names no started, voting member with a " + this.schemes
					+ " client URL; keeping the endpoints " + current + " (members: " + members + ")");
			return;
		}
		if (!Set.copyOf(found).equals(Set.copyOf(current)) && this.transport.replaceEndpoints(found)) {
			logger.info("etcd members changed: endpoints now " + found + " (were " + current + ")");
		}
	}

	/**
	 * One client URL for each started, voting member: the one in use if any, else the
	 * first whose scheme is in {@code schemes}.
	 */
	static List<String> endpointsOf(List<Member> members, List<String> current, Set<String> schemes) {
		List<String> endpoints = new ArrayList<>();
		for (Member member : members) {
			if (member.learner() || member.name().isEmpty()) {
				continue;
			}
			String chosen = null;
			for (String url : member.clientUrls()) {
				String endpoint = usable(url, schemes);
				if (endpoint != null && current.contains(endpoint)) {
					chosen = endpoint;
					break;
				}
				if (chosen == null) {
					chosen = endpoint;
				}
			}
			if (chosen != null && !endpoints.contains(chosen)) {
				endpoints.add(chosen);
			}
		}
		return endpoints;
	}

	/**
	 * {@code url} as an endpoint, or {@code null} when it is not one the client may use.
	 */
	private static @Nullable String usable(String url, Set<String> schemes) {
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		try {
			URI uri = new URI(trimmed);
			boolean plain = uri.getRawUserInfo() == null && (uri.getPath() == null || uri.getPath().isEmpty())
					&& uri.getQuery() == null && uri.getFragment() == null;
			if (plain && schemes.contains(uri.getScheme()) && uri.getHost() != null && uri.getPort() != -1) {
				return trimmed;
			}
		}
		catch (URISyntaxException ex) {
			// not a URL we can use: skip it
		}
		return null;
	}

	private static Set<String> schemesOf(List<String> endpoints) {
		Set<String> schemes = new LinkedHashSet<>();
		endpoints.forEach((endpoint) -> schemes.add(URI.create(endpoint).getScheme()));
		return schemes;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
