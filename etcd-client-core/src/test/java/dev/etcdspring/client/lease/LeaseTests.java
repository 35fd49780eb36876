package dev.etcdspring.client.lease;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Leases on a real etcd: grant, time to live, keep-alive, expiry reported, revoke.
 */
class LeaseTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@Test
	void grantShouldReturnALeaseWithItsTtl() {
		Lease lease = client.leases().grant(Duration.ofSeconds(30));
		assertThat(lease.id()).isNotZero();
		assertThat(lease.ttl()).isEqualTo(Duration.ofSeconds(30));
		LeaseInfo info = client.leases().timeToLive(lease.id(), false).orElseThrow();
		assertThat(info.granted()).isEqualTo(Duration.ofSeconds(30));
		assertThat(info.remaining()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
	}

	@Test
	void timeToLiveShouldListAttachedKeys() {
		Lease lease = client.leases().grant(Duration.ofSeconds(30));
		byte[] key = ("/lease-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		client.kv().put(PutRequest.of(key, new byte[] { 1 }).lease(lease.id()));
		assertThat(client.leases().timeToLive(lease.id(), true).orElseThrow().keys()).singleElement()
			.satisfies((attached) -> assertThat(attached).containsExactly(key));
	}

	@Test
	void revokeShouldDeleteAttachedKeys() {
		Lease lease = client.leases().grant(Duration.ofSeconds(30));
		byte[] key = ("/lease-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		client.kv().put(PutRequest.of(key, new byte[] { 1 }).lease(lease.id()));
		client.leases().revoke(lease.id());
		assertThat(client.kv().get(key)).isEmpty();
		assertThat(client.leases().timeToLive(lease.id(), false)).isEmpty();
		assertThatExceptionOfType(EtcdLeaseNotFoundException.class).isThrownBy(() -> client.leases().revoke(lease.id()))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.LEASE_NOT_FOUND));
		assertThatExceptionOfType(EtcdLeaseNotFoundException.class)
			.isThrownBy(() -> client.leases().keepAliveOnce(lease.id()));
	}

	@Test
	void keepAliveShouldHoldALeasePastItsTtl() {
		Lease lease = client.leases().grant(Duration.ofSeconds(2));
		byte[] key = ("/lease-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		client.kv().put(PutRequest.of(key, new byte[] { 1 }).lease(lease.id()));
		AtomicInteger renewals = new AtomicInteger();
		try (LeaseKeepAlive keepAlive = client.leases().keepAlive(lease.id(), new LeaseKeepAlive.Listener() {

			@Override
			public void onRenewed(Duration ttl) {
				renewals.incrementAndGet();
			}

			@Override
			public void onExpired(long leaseId) {
			}

		})) {
			// at TTL/3, 2 s of TTL means a renewal every ~666 ms: 7 renewals take > 4 s,
			// twice the TTL
			await().atMost(Duration.ofSeconds(15)).until(() -> renewals.get() >= 7);
			assertThat(keepAlive.isActive()).isTrue();
			assertThat(client.kv().get(key)).isPresent();
		}
	}

	@Test
	void keepAliveShouldReportALeaseThatIsGone() {
		Lease lease = client.leases().grant(Duration.ofSeconds(5));
		AtomicLong expired = new AtomicLong();
		try (LeaseKeepAlive keepAlive = client.leases().keepAlive(lease.id(), expired::set)) {
			client.leases().revoke(lease.id());
			await().atMost(Duration.ofSeconds(10)).until(() -> expired.get() == lease.id());
			assertThat(keepAlive.isActive()).isFalse();
		}
	}

}
