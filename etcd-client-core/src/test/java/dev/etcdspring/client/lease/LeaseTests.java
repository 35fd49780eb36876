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
	void timeToLiveShouldReturnEveryAttachedKeyAsStoredAndTheGrantedTtl() {
		Lease lease = client.leases().grant(Duration.ofSeconds(40));
		String prefix = "/lease-" + UUID.randomUUID() + "/";
		byte[] text = (prefix + "text").getBytes(StandardCharsets.UTF_8);
		// bytes that are not UTF-8, and base64 with padding and '+' '/' in it
		byte[] binary = new byte[] { '/', (byte) 0xff, (byte) 0xfe, 0, (byte) 0xfb, (byte) 0xef };
		client.kv().put(PutRequest.of(text, new byte[] { 1 }).lease(lease.id()));
		client.kv().put(PutRequest.of(binary, new byte[] { 2 }).lease(lease.id()));
		try {
			LeaseInfo withKeys = client.leases().timeToLive(lease.id(), true).orElseThrow();
			assertThat(withKeys.id()).isEqualTo(lease.id());
			assertThat(withKeys.granted()).isEqualTo(Duration.ofSeconds(40));
			assertThat(withKeys.remaining()).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(40));
			assertThat(withKeys.keys()).hasSize(2)
				.anySatisfy((key) -> assertThat(key).containsExactly(text))
				.anySatisfy((key) -> assertThat(key).containsExactly(binary));
			LeaseInfo withoutKeys = client.leases().timeToLive(lease.id(), false).orElseThrow();
			assertThat(withoutKeys.keys()).isEmpty();
			assertThat(withoutKeys.granted()).isEqualTo(Duration.ofSeconds(40));
		}
		finally {
			client.leases().revoke(lease.id());
		}
	}

	@Test
	void listShouldReturnLiveLeasesAndNotRevokedOnes() {
		Lease first = client.leases().grant(Duration.ofSeconds(30));
		Lease second = client.leases().grant(Duration.ofSeconds(30));
		// granted by another client (etcdctl): the list is the cluster's, not this
		// client's
		String granted = etcd.etcdctl("lease", "grant", "30").stdout();
		long third = Long.parseUnsignedLong(granted.split("\\s+")[1], 16);
		assertThat(client.leases().list()).contains(first.id(), second.id(), third);
		client.leases().revoke(second.id());
		assertThat(client.leases().list()).contains(first.id(), third).doesNotContain(second.id());
		client.leases().revoke(first.id());
		client.leases().revoke(third);
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
