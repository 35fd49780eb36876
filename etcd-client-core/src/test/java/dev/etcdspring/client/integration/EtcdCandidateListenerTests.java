package dev.etcdspring.client.integration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.leader.EtcdLeaderInitiator;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Integration {@code Candidate} elected through {@link EtcdCandidateListener}:
 * told of leadership, its context's {@code yield()} resigning, and
 * {@code OnGrantedEvent}/{@code OnRevokedEvent} published for its role.
 */
class EtcdCandidateListenerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final String name = "/elections/candidate-" + UUID.randomUUID().toString().substring(0, 8);

	private final EtcdLeaderInitiator initiator = new EtcdLeaderInitiator(client, this.name);

	@AfterEach
	void stop() {
		this.initiator.stop();
	}

	@Test
	void candidateShouldBeToldOfLeadershipAndEventsPublishedForItsRole() {
		RecordingCandidate candidate = new RecordingCandidate();
		List<AbstractLeaderEvent> events = new CopyOnWriteArrayList<>();
		EtcdCandidateListener listener = new EtcdCandidateListener(candidate);
		listener.setLeaderEventPublisher(
				new DefaultLeaderEventPublisher((event) -> events.add((AbstractLeaderEvent) event)));
		this.initiator.addListener(listener);
		this.initiator.setValue(candidate.getId());
		this.initiator.start();

		await().atMost(TIMEOUT).until(() -> events.size() == 1);
		assertThat(events.get(0)).isInstanceOf(OnGrantedEvent.class);
		assertThat(events.get(0).getRole()).isEqualTo("cluster-role");
		assertThat(events.get(0).getSource()).isSameAs(this.initiator);
		Context context = events.get(0).getContext();
		assertThat(context.isLeader()).isTrue();
		assertThat(context.getRole()).isEqualTo("cluster-role");
		assertThat(candidate.calls).containsExactly("granted leader=true");
		assertThat(etcd.etcdctl("get", "--prefix", "--print-value-only", this.name + "/").stdout())
			.isEqualTo(candidate.getId() + "\n");

		context.yield();
		await().atMost(TIMEOUT).until(() -> events.size() >= 2);
		assertThat(events.get(1)).isInstanceOf(OnRevokedEvent.class);
		assertThat(events.get(1).getRole()).isEqualTo("cluster-role");
		assertThat(candidate.calls).startsWith("granted leader=true", "revoked leader=false");
		assertThat(context.isLeader()).isFalse();
		// alone in the election: elected again after the retry delay
		await().atMost(TIMEOUT).until(() -> events.size() == 3);
		assertThat(events.get(2)).isInstanceOf(OnGrantedEvent.class);
	}

	static class RecordingCandidate extends DefaultCandidate {

		final List<String> calls = new CopyOnWriteArrayList<>();

		RecordingCandidate() {
			super(UUID.randomUUID().toString(), "cluster-role");
		}

		@Override
		public void onGranted(Context context) {
			this.calls.add("granted leader=" + context.isLeader());
		}

		@Override
		public void onRevoked(Context context) {
			this.calls.add("revoked leader=" + context.isLeader());
		}

	}

}
