package dev.etcdspring.client.internal.lease;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;
import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.lease.LeaseInfo;
import dev.etcdspring.client.lease.LeaseKeepAlive;

import org.springframework.util.Assert;

/**
 * {@link LeaseClient} over the gateway's {@code /v3/lease/*} endpoints.
 *
 * @since 0.1.0
 */
public final class DefaultLeaseClient implements LeaseClient {

	private final GatewayTransport transport;

	private final ScheduledExecutorService scheduler;

	public DefaultLeaseClient(GatewayTransport transport, ScheduledExecutorService scheduler) {
		this.transport = transport;
		this.scheduler = scheduler;
	}

	@Override
	public Lease grant(Duration ttl) {
		// etcd would silently raise 0 or less to its minimum TTL
		Assert.isTrue(ttl != null && !ttl.isNegative() && !ttl.isZero(),
				() -> "Lease TTL must be positive, was " + ttl);
		// etcd's TTLs are whole seconds: round up, so that the lease lasts as long as
		// asked
		long seconds = ttl.toSeconds() + ((ttl.toMillisPart() > 0) ? 1 : 0);
		GatewayAnswers.LeaseGrant answer = this.transport.call("lease/grant", GatewayRequests.leaseGrant(seconds),
				GatewayAnswers.LeaseGrant.class, RequestKind.WRITE);
		if (answer.error() != null && !answer.error().isEmpty()) {
			throw new dev.etcdspring.client.exception.EtcdException("etcd refused to grant a lease: " + answer.error());
		}
		return new Lease(answer.id(), Duration.ofSeconds(answer.ttl()));
	}

	@Override
	public void revoke(long leaseId) {
		this.transport.call("lease/revoke", GatewayRequests.lease(leaseId), Map.class, RequestKind.WRITE);
	}

	@Override
	public Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
		GatewayAnswers.LeaseTimeToLive answer = this.transport.call("lease/timetolive",
				GatewayRequests.leaseTimeToLive(leaseId, withKeys), GatewayAnswers.LeaseTimeToLive.class,
				RequestKind.READ);
		if (answer.ttl() < 0) {
			return Optional.empty();
		}
		return Optional.of(new LeaseInfo(leaseId, Duration.ofSeconds(answer.ttl()),
				Duration.ofSeconds(answer.grantedTtl()), (answer.keys() != null) ? answer.keys() : List.of()));
	}

	@Override
	public List<Long> list() {
		GatewayAnswers.LeaseList answer = this.transport.call("lease/leases", GatewayRequests.EMPTY,
				GatewayAnswers.LeaseList.class, RequestKind.READ);
		// no "leases" at all when there are none
		List<GatewayAnswers.LeaseId> leases = (answer.leases() != null) ? answer.leases() : List.of();
		return leases.stream().map(GatewayAnswers.LeaseId::id).toList();
	}

	@Override
	public Duration keepAliveOnce(long leaseId) {
		GatewayAnswers.LeaseKeepAlive answer = this.transport.call("lease/keepalive", GatewayRequests.lease(leaseId),
				GatewayAnswers.LeaseKeepAlive.class, RequestKind.READ);
		// The gateway answers an unknown lease with a result that has no TTL at all.
		long ttl = (answer.result() != null) ? answer.result().ttl() : 0;
		if (ttl <= 0) {
			EtcdError notFound = EtcdError.LEASE_NOT_FOUND;
			throw new EtcdLeaseNotFoundException(
					"etcd lease " + Long.toHexString(leaseId) + " has expired or was revoked", notFound.getCode(),
					Objects.requireNonNull(notFound.getServerMessage()), null);
		}
		return Duration.ofSeconds(ttl);
	}

	@Override
	public LeaseKeepAlive keepAlive(long leaseId, LeaseKeepAlive.Listener listener) {
		ScheduledKeepAlive keepAlive = new ScheduledKeepAlive(leaseId, this, listener, this.scheduler);
		keepAlive.start();
		return keepAlive;
	}

}
