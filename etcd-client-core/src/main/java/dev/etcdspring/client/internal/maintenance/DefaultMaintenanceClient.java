package dev.etcdspring.client.internal.maintenance;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayJson;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;
import dev.etcdspring.client.maintenance.Alarm;
import dev.etcdspring.client.maintenance.AlarmType;
import dev.etcdspring.client.maintenance.MaintenanceClient;
import dev.etcdspring.client.maintenance.MemberHash;
import dev.etcdspring.client.maintenance.MemberStatus;
import dev.etcdspring.client.maintenance.Snapshot;
import dev.etcdspring.client.maintenance.SnapshotProgressListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * {@link MaintenanceClient} over etcd's {@code /v3/maintenance/...} gateway paths.
 *
 * @since 0.1.0
 */
public final class DefaultMaintenanceClient implements MaintenanceClient {

	private static final Log logger = LogFactory.getLog(DefaultMaintenanceClient.class);

	/**
	 * How long a leader transfer may take: etcd itself waits at most its request timeout
	 * (5 s plus two election timeouts, 7 s by default) for the new leader.
	 */
	private static final Duration MOVE_LEADER_TIMEOUT = Duration.ofSeconds(15);

	private final GatewayTransport transport;

	private final ClusterClient cluster;

	private final ScheduledExecutorService scheduler;

	public DefaultMaintenanceClient(GatewayTransport transport, ClusterClient cluster,
			ScheduledExecutorService scheduler) {
		this.transport = transport;
		this.cluster = cluster;
		this.scheduler = scheduler;
	}

	@Override
	public List<MemberStatus> memberStatuses() {
		return this.cluster.members().stream().map(this::statusOf).toList();
	}

	/**
	 * Ask a member at each of its client URLs until one answers: a member may advertise
	 * some that this client cannot reach.
	 */
	private MemberStatus statusOf(Member member) {
		EtcdException failure = null;
		for (String endpoint : member.clientUrls()) {
			try {
				return new MemberStatus(member, endpoint, this.cluster.status(endpoint), null);
			}
			catch (EtcdException ex) {
				failure = ex;
			}
		}
		if (failure == null) {
			return new MemberStatus(member, null, null, new EtcdException(
					"etcd member %s (%s) has no client URL: ".formatted(Long.toHexString(member.id()), member.name())
							+ "it has not started yet"));
		}
		return new MemberStatus(member, member.clientUrls().get(member.clientUrls().size() - 1), null, failure);
	}

	@Override
	public EndpointStatus status(String endpoint) {
		Assert.hasText(endpoint, "endpoint must not be empty");
		return this.cluster.status(endpoint);
	}

	@Override
	public void defragment(String endpoint) {
		defragment(endpoint, DEFAULT_DEFRAGMENT_TIMEOUT);
	}

	@Override
	public void defragment(String endpoint, Duration timeout) {
		Assert.hasText(endpoint, "endpoint must not be empty");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				() -> "timeout must be positive, not " + timeout);
		// repeating a defragmentation does no harm: a timeout is not an unknown outcome
		this.transport.callEndpoint(endpoint, "maintenance/defragment", GatewayRequests.EMPTY, Map.class,
				RequestKind.READ, timeout);
	}

	@Override
	public List<MemberStatus> defragmentAll() {
		return defragmentAll(DEFAULT_DEFRAGMENT_TIMEOUT);
	}

	@Override
	public List<MemberStatus> defragmentAll(Duration timeoutPerMember) {
		Assert.isTrue(timeoutPerMember != null && !timeoutPerMember.isNegative() && !timeoutPerMember.isZero(),
				() -> "timeoutPerMember must be positive, not " + timeoutPerMember);
		List<MemberStatus> before = memberStatuses();
		// the leader last: while a member defragments it serves nothing, and a leader
		// that stalls its followers' heartbeats may cost the cluster an election
		List<MemberStatus> order = before.stream().sorted(Comparator.comparing(MemberStatus::isLeader)).toList();
		List<MemberStatus> after = new ArrayList<>(before);
		for (MemberStatus member : order) {
			after.set(before.indexOf(member), defragment(member, timeoutPerMember));
		}
		return after;
	}

	private MemberStatus defragment(MemberStatus member, Duration timeout) {
		String name = Long.toHexString(member.member().id()) + " (" + member.member().name() + ")";
		if (member.status() == null || member.endpoint() == null) {
			logger.warn("Skipped defragmenting etcd member %s: %s".formatted(name, member.failure()));
			return member;
		}
		long start = System.nanoTime();
		try {
			defragment(member.endpoint(), timeout);
			EndpointStatus status = this.cluster.status(member.endpoint());
			logger.info("Defragmented etcd member %s at %s in %d ms: database %d -> %d bytes".formatted(name,
					member.endpoint(), Duration.ofNanos(System.nanoTime() - start).toMillis(), member.status().dbSize(),
					status.dbSize()));
			return new MemberStatus(member.member(), member.endpoint(), status, null);
		}
		catch (EtcdException ex) {
			logger.warn("Could not defragment etcd member %s at %s: %s".formatted(name, member.endpoint(),
					ex.getMessage()));
			return new MemberStatus(member.member(), member.endpoint(), null, ex);
		}
	}

	@Override
	public List<Alarm> alarms() {
		GatewayAnswers.AlarmList answer = this.transport.call("maintenance/alarm",
				GatewayRequests.alarm("GET", 0, "NONE"), GatewayAnswers.AlarmList.class, RequestKind.READ);
		return (answer.alarms() != null) ? List.copyOf(answer.alarms()) : List.of();
	}

	@Override
	public void disarm(Alarm alarm) {
		Assert.notNull(alarm, "alarm must not be null");
		Assert.isTrue(alarm.type() != AlarmType.UNKNOWN,
				() -> "Cannot disarm " + alarm + ": its type is unknown to this client; use etcdctl alarm disarm");
		// disarming twice does no harm: sent again like a read
		this.transport.call("maintenance/alarm",
				GatewayRequests.alarm("DEACTIVATE", alarm.memberId(), alarm.type().name()),
				GatewayAnswers.AlarmList.class, RequestKind.READ);
	}

	@Override
	public List<Alarm> disarmAll() {
		List<Alarm> known = alarms().stream().filter((alarm) -> alarm.type() != AlarmType.UNKNOWN).toList();
		known.forEach(this::disarm);
		return known;
	}

	@Override
	public MemberHash hash(String endpoint) {
		Assert.hasText(endpoint, "endpoint must not be empty");
		return this.transport.callEndpoint(endpoint, "maintenance/hash", GatewayRequests.EMPTY, MemberHash.class);
	}

	@Override
	public MemberHash hashKv(String endpoint, long revision) {
		Assert.hasText(endpoint, "endpoint must not be empty");
		Assert.isTrue(revision >= 0, () -> "revision must not be negative, not " + revision);
		try {
			return this.transport.callEndpoint(endpoint, "maintenance/hashkv", GatewayRequests.hashKv(revision),
					MemberHash.class);
		}
		catch (EtcdServerException ex) {
			if (ex.getCode() != EtcdError.NO_CODE || !"Not Found".equals(ex.getServerMessage())) {
				throw ex;
			}
			EtcdServerException unsupported = new EtcdServerException(("etcd at %s does not serve HashKV on its "
					+ "JSON gateway: before etcd 3.5.10 its route maps to Hash (etcd pull request 16490); "
					+ "upgrade etcd, or compare hash(endpoint) of members at the same revision")
				.formatted(endpoint), ex.getCode(), ex.getServerMessage(), endpoint);
			unsupported.addSuppressed(ex);
			throw unsupported;
		}
	}

	@Override
	public Snapshot snapshot(OutputStream out) {
		return snapshot(out, (bytesSoFar, remainingBytes) -> {
		});
	}

	@Override
	public Snapshot snapshot(OutputStream out, SnapshotProgressListener listener) {
		Assert.notNull(out, "out must not be null");
		Assert.notNull(listener, "listener must not be null");
		GatewayTransport.GatewayStream stream = this.transport.openStream(SnapshotDownload.PATH,
				GatewayJson.write(GatewayRequests.EMPTY));
		return new SnapshotDownload(stream, this.transport.requestTimeout()).copyTo(out, listener, this.scheduler);
	}

	@Override
	public void moveLeader(long targetMemberId) {
		List<MemberStatus> members = memberStatuses();
		Assert.isTrue(members.stream().anyMatch((member) -> member.member().id() == targetMemberId),
				() -> "No member with id %s in the cluster: %s".formatted(Long.toHexString(targetMemberId), members));
		MemberStatus leader = members.stream()
			.filter(MemberStatus::isLeader)
			.findFirst()
			.orElseThrow(() -> new EtcdException("No etcd member reports being the leader: " + members));
		if (leader.member().id() == targetMemberId) {
			return;
		}
		// only the leader can hand over; a timeout leaves unknown whether it did
		this.transport.callEndpoint(leader.endpoint(), "maintenance/transfer-leadership",
				GatewayRequests.moveLeader(targetMemberId), Map.class, RequestKind.WRITE, MOVE_LEADER_TIMEOUT);
		logger.info("Moved the etcd leader from member %s to member %s"
			.formatted(Long.toHexString(leader.member().id()), Long.toHexString(targetMemberId)));
	}

}
