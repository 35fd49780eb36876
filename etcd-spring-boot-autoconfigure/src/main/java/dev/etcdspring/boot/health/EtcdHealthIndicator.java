package dev.etcdspring.boot.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.kv.RangeQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} for etcd: asks the
 * client's endpoints, in order, for their status until one answers. UP with the answering
 * member's version, the cluster's leader and size and the database size; DOWN when no
 * member answers, has a leader or is free of alarms, and when etcd refuses the client's
 * authentication (no credentials, or credentials it no longer accepts). Each call is
 * bounded by the client's request timeout, and no member is asked once {@code timeout}
 * has passed, so the check never hangs.
 *
 * @since 0.1.0
 */
public class EtcdHealthIndicator extends AbstractHealthIndicator {

	/**
	 * etcd 3.4 answers status and member list without authentication, so those alone
	 * would report UP for a client whose every read and write is refused. A count-only,
	 * serializable read of one key is authenticated and costs etcd next to nothing.
	 */
	private static final RangeQuery AUTHENTICATED_READ = RangeQuery.key("/etcd-spring/health")
		.countOnly()
		.serializable();

	/** The leader a member reports when it knows none: raft's "no node" ID. */
	private static final long NO_LEADER = 0;

	private final EtcdClient client;

	private final Duration timeout;

	/**
	 * Create an indicator.
	 * @param client the client to check
	 * @param timeout after how long no further member is asked (the client's request
	 * timeout)
	 */
	public EtcdHealthIndicator(EtcdClient client, Duration timeout) {
		super("etcd health check failed");
		Assert.notNull(client, "EtcdClient must not be null");
		Assert.notNull(timeout, "Timeout must not be null");
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<String, String> unreachable = new LinkedHashMap<>();
		@Nullable EtcdException lastFailure = null;
		for (String endpoint : this.client.endpoints()) {
			if (!unreachable.isEmpty() && System.nanoTime() - deadline > 0) {
				break;
			}
			try {
				EndpointStatus status = this.client.cluster().status(endpoint);
				List<Member> members = this.client.cluster().members();
				report(builder, endpoint, status, members);
				checkAuthentication(builder);
				if (!unreachable.isEmpty()) {
					builder.withDetail("unreachable", unreachable);
				}
				return;
			}
			catch (EtcdException ex) {
				unreachable.put(endpoint, ex.getMessage());
				lastFailure = ex;
			}
		}
		builder.down().withDetail("unreachable", unreachable);
		if (lastFailure != null) {
			builder.withException(lastFailure);
		}
	}

	private void checkAuthentication(Health.Builder builder) {
		try {
			this.client.kv().range(AUTHENTICATED_READ);
		}
		catch (EtcdPermissionDeniedException ex) {
			// proves that the credentials work
		}
		catch (EtcdAuthenticationException ex) {
			builder.down().withDetail("authentication", ex.getMessage());
		}
	}

	private void report(Health.Builder builder, String endpoint, EndpointStatus status, List<Member> members) {
		// ids are unsigned 64-bit numbers: in hex, as etcdctl prints them
		builder.withDetail("endpoint", endpoint)
			.withDetail("version", status.version())
			.withDetail("member", Long.toHexString(status.header().memberId()))
			.withDetail("cluster", Long.toHexString(status.header().clusterId()))
			.withDetail("leader", Long.toHexString(status.leader()))
			.withDetail("members", members.size())
			.withDetail("dbSize", status.dbSize())
			.withDetail("raftTerm", status.raftTerm());
		List<String> problems = new ArrayList<>(status.errors());
		if (status.leader() == NO_LEADER) {
			problems.add("no leader");
		}
		if (problems.isEmpty()) {
			builder.up();
		}
		else {
			// like etcd's own /health: a member with alarms or without a leader is not
			// healthy
			builder.down().withDetail("errors", problems);
		}
	}

}
