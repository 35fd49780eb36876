package dev.etcdspring.client.leader;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdLeaderInitiator}s of two clients in one election on a real etcd: exactly one
 * leads, and the other takes over when the leader stops, yields or loses its lease.
 */
class EtcdLeaderInitiatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@RegisterExtension
	static EtcdClientFixture otherClient = EtcdClientFixture.of(etcd);

	private final String name = "/elections/initiator-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<EtcdLeaderInitiator> initiators = new ArrayList<>();

	@AfterEach
	void stop() {
		this.initiators.forEach(EtcdLeaderInitiator::stop);
	}

	@Test
	void twoInitiatorsShouldElectExactlyOneAndStoppingTheLeaderShouldElectTheOther() {
		Recorder first = new Recorder();
		Recorder second = new Recorder();
		EtcdLeaderInitiator a = initiator(client, "a", first);
		a.start();
		await().atMost(TIMEOUT).until(a::isLeader);
		EtcdLeaderInitiator b = initiator(otherClient, "b", second);
		b.start();
		await().atMost(TIMEOUT).until(() -> candidates().size() == 2);
		assertThat(b.isLeader()).isFalse();
		assertThat(first.calls).containsExactly("granted a", "event EtcdLeaderGrantedEvent a " + this.name);
		assertThat(second.calls).isEmpty();
		assertThat(candidates()).extracting(KeyValue::valueAsString).containsExactly("a", "b");

		a.stop();
		await().atMost(TIMEOUT).until(b::isLeader);
		assertThat(a.isLeader()).isFalse();
		assertThat(a.isRunning()).isFalse();
		assertThat(first.calls).endsWith("revoked a", "event EtcdLeaderRevokedEvent a " + this.name);
		assertThat(second.calls).containsExactly("granted b", "event EtcdLeaderGrantedEvent b " + this.name);
		assertThat(candidates()).extracting(KeyValue::valueAsString).containsExactly("b");
	}

	@Test
	void yieldLeadershipShouldElectTheOtherAndCampaignAgain() {
		Recorder first = new Recorder();
		EtcdLeaderInitiator a = initiator(client, "a", first);
		a.start();
		await().atMost(TIMEOUT).until(a::isLeader);
		EtcdLeaderInitiator b = initiator(otherClient, "b", new Recorder());
		b.start();
		await().atMost(TIMEOUT).until(() -> candidates().size() == 2);

		a.getContext().yieldLeadership();
		await().atMost(TIMEOUT).until(b::isLeader);
		assertThat(first.calls).endsWith("revoked a", "event EtcdLeaderRevokedEvent a " + this.name);
		// after the retry delay, a queues behind b
		await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(candidates()).extracting(KeyValue::valueAsString).containsExactly("b", "a"));
		assertThat(a.isLeader()).isFalse();
	}

	@Test
	void leaderWhoseLeaseIsRevokedShouldBeRevokedAndTheOtherElectedWithinTtlPlusTwoSeconds() {
		Duration ttl = Duration.ofSeconds(3);
		AtomicLong revokedAt = new AtomicLong();
		EtcdLeaderInitiator a = initiator(client, "a", new Recorder() {
			@Override
			public void onRevoked(EtcdLeaderContext context) {
				revokedAt.set(System.nanoTime());
			}
		});
		a.setTtl(ttl);
		a.start();
		await().atMost(TIMEOUT).until(a::isLeader);
		AtomicLong grantedAt = new AtomicLong();
		EtcdLeaderInitiator b = initiator(otherClient, "b", (context) -> grantedAt.set(System.nanoTime()));
		b.start();
		await().atMost(TIMEOUT).until(() -> candidates().size() == 2);
		long lease = candidates().get(0).lease();

		long revokingAt = System.nanoTime();
		assertThat(etcd.etcdctl("lease", "revoke", Long.toHexString(lease)).isSuccess()).isTrue();
		await().atMost(ttl.plusSeconds(2)).until(() -> grantedAt.get() != 0);

		assertThat(Duration.ofNanos(grantedAt.get() - revokingAt)).isLessThan(ttl.plusSeconds(2));
		assertThat(revokedAt.get()).as("revoked reported").isNotZero();
		assertThat(a.isLeader()).isFalse();
		// a new session, and a campaign behind b
		await().atMost(TIMEOUT).until(() -> candidates().size() == 2);
		assertThat(candidates().get(1).valueAsString()).isEqualTo("a");
		assertThat(candidates().get(1).lease()).isNotEqualTo(lease);
	}

	@Test
	void stopWhenEtcdIsUnreachableShouldReturnWithoutWaitingForIt() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (EtcdClient unreachable = TestTransport.builder()
			.endpoints("http://127.0.0.1:" + port)
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			EtcdLeaderInitiator initiator = initiator(unreachable, "lonely", new Recorder());
			initiator.start();
			assertThat(initiator.isRunning()).isTrue();
			long started = System.nanoTime();
			initiator.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(initiator.isRunning()).isFalse();
			assertThat(initiator.isLeader()).isFalse();
		}
	}

	private EtcdLeaderInitiator initiator(EtcdClient etcdClient, String value, EtcdLeaderListener listener) {
		EtcdLeaderInitiator initiator = new EtcdLeaderInitiator(etcdClient, this.name);
		initiator.setValue(value);
		initiator.addListener(listener);
		if (listener instanceof Recorder recorder) {
			initiator.setApplicationEventPublisher(recorder::publishEvent);
		}
		this.initiators.add(initiator);
		return initiator;
	}

	/** The candidates' keys, the leader first. */
	private List<KeyValue> candidates() {
		return client.kv()
			.range(RangeQuery.prefix((this.name + "/").getBytes()).sort(SortTarget.CREATE, SortOrder.ASCEND))
			.kvs();
	}

	static class Recorder implements EtcdLeaderListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void onGranted(EtcdLeaderContext context) {
			this.calls.add("granted " + context.getValue());
		}

		@Override
		public void onRevoked(EtcdLeaderContext context) {
			this.calls.add("revoked " + context.getValue());
		}

		void publishEvent(Object event) {
			EtcdLeaderEvent leaderEvent = (EtcdLeaderEvent) event;
			this.calls.add("event " + event.getClass().getSimpleName() + " " + leaderEvent.getValue() + " "
					+ leaderEvent.getName());
		}

	}

}
