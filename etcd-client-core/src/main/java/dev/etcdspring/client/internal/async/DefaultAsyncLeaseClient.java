package dev.etcdspring.client.internal.async;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.async.AsyncLeaseClient;
import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.lease.LeaseInfo;

/**
 * {@link AsyncLeaseClient}: each operation is the synchronous one, submitted to
 * {@link AsyncCalls}.
 *
 * @since 0.1.0
 */
public final class DefaultAsyncLeaseClient implements AsyncLeaseClient {

	private final AsyncCalls calls;

	private final LeaseClient leases;

	/**
	 * Create the asynchronous face of {@code leases}.
	 * @param calls runs the calls
	 * @param leases the synchronous API
	 */
	public DefaultAsyncLeaseClient(AsyncCalls calls, LeaseClient leases) {
		this.calls = calls;
		this.leases = leases;
	}

	@Override
	public CompletableFuture<Lease> grant(Duration ttl) {
		return this.calls.submit(() -> this.leases.grant(ttl));
	}

	@Override
	public CompletableFuture<Void> revoke(long leaseId) {
		return this.calls.run(() -> this.leases.revoke(leaseId));
	}

	@Override
	public CompletableFuture<Optional<LeaseInfo>> timeToLive(long leaseId, boolean withKeys) {
		return this.calls.submit(() -> this.leases.timeToLive(leaseId, withKeys));
	}

	@Override
	public CompletableFuture<Duration> keepAliveOnce(long leaseId) {
		return this.calls.submit(() -> this.leases.keepAliveOnce(leaseId));
	}

}
