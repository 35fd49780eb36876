package dev.etcdspring.client.cluster;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdLearnerNotReadyException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdJoiningMember;
import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A learner's whole life on a real 3-member cluster: added, started as a real etcd that
 * joins the running cluster, caught up, promoted, moved and removed, with the member list
 * checked after each step. Each test starts its own cluster, since it changes who belongs
 * to it.
 */
class ClusterMembershipTests {

	private static final Duration CATCH_UP = Duration.ofSeconds(60);

	@Test
	void learnerShouldJoinCatchUpAndBePromotedMovedAndRemoved() throws Exception {
		try (EtcdCluster cluster = EtcdCluster.start(3);
				EtcdClient client = TestTransport.builder().endpoints(cluster.endpoints()).build()) {
			ClusterClient membership = client.cluster();
			List<Member> founders = membership.members();
			EtcdTemplate etcd = new EtcdTemplate(client);
			for (int i = 0; i < 50; i++) {
				// a log for the learner to catch up with
				etcd.put("/membership/" + i, "value-" + i);
			}

			EtcdJoiningMember joining = EtcdJoiningMember.of(cluster);
			MemberAddResult added = whileUnhealthy(() -> membership.addLearner(List.of(joining.peerUrl())));
			long id = added.member().id();
			assertThat(added.member().learner()).isTrue();
			assertThat(added.member().isStarted()).isFalse();
			assertThat(added.member().peerUrls()).containsExactly(joining.peerUrl());
			assertThat(added.members()).hasSize(4).contains(added.member());
			awaitMembers(membership,
					(members) -> assertThat(members).containsExactlyInAnyOrderElementsOf(added.members()));
			assertThatExceptionOfType(EtcdLearnerNotReadyException.class).isThrownBy(() -> membership.promoteMember(id))
				.withMessageContaining("can only promote a learner member which is in sync with leader")
				.withMessageContaining("promote it again");

			try (EtcdServer server = joining.start()) {
				Member started = await().atMost(CATCH_UP)
					.until(() -> member(membership.members(), id), Member::isStarted);
				assertThat(started.name()).isEqualTo(joining.name());
				assertThat(started.clientUrls()).containsExactly(server.endpoint());
				assertThat(started.learner()).isTrue();
				assertLearnerRefusesWrites(server);

				long leaderIndex = membership.status(cluster.leader().endpoint()).raftIndex();
				await().atMost(CATCH_UP).until(() -> membership.status(server.endpoint()).raftIndex() >= leaderIndex);
				List<Member> afterPromotion = promoteOnceInSync(membership, id);
				assertThat(member(afterPromotion, id).learner()).isFalse();
				awaitMembers(membership, (members) -> assertThat(member(members, id).learner()).isFalse());
				try (EtcdClient onNewMember = TestTransport.builder().endpoints(server.endpoint()).build()) {
					// a voter serves linearizable reads, with what was written before it
					// joined
					assertThat(new EtcdTemplate(onNewMember).get("/membership/49")).contains("value-49");
				}

				String movedTo = "http://127.0.0.1:" + freePort();
				List<Member> afterUpdate = membership.updateMember(id, List.of(movedTo));
				assertThat(member(afterUpdate, id).peerUrls()).containsExactly(movedTo);
				awaitMembers(membership,
						(members) -> assertThat(member(members, id).peerUrls()).containsExactly(movedTo));

				List<Member> afterRemoval = whileUnhealthy(() -> membership.removeMember(id));
				assertThat(afterRemoval).extracting(Member::id)
					.containsExactlyInAnyOrderElementsOf(founders.stream().map(Member::id).toList());
				awaitMembers(membership,
						(members) -> assertThat(members).containsExactlyInAnyOrderElementsOf(founders));
				etcd.put("/membership/after", "still writable");
			}
		}
	}

	@Test
	void addingAMemberWithAWrongUrlShouldSayWhatIsWrongAndChangeNothing() {
		try (EtcdCluster cluster = EtcdCluster.start(3);
				EtcdClient client = TestTransport.builder().endpoints(cluster.endpoints()).build()) {
			ClusterClient membership = client.cluster();
			List<Member> before = membership.members();
			String taken = "http://127.0.0.1:" + cluster.member(1).peerPort();
			EtcdPreconditionFailedException failure = assertThatExceptionOfType(EtcdPreconditionFailedException.class)
				.isThrownBy(() -> whileUnhealthy(() -> membership.addLearner(List.of(taken))))
				.withMessageContaining("Peer URLs already exists")
				.withMessageContaining("another member has one of these peer URLs")
				.actual();
			assertThat(failure.getError()).isEqualTo(EtcdError.PEER_URL_EXISTS);
			assertThatIllegalArgumentException().isThrownBy(() -> membership.addMember(List.of("127.0.0.1:2380")))
				.withMessageContaining("'127.0.0.1:2380' must start with http://");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> membership.updateMember(before.get(0).id(), List.of("http://127.0.0.1:2380/peer")))
				.withMessageContaining("must not have a path");
			assertThat(membership.members()).containsExactlyInAnyOrderElementsOf(before);
		}
	}

	private static void assertLearnerRefusesWrites(EtcdServer learner) {
		try (EtcdClient onLearner = TestTransport.builder().endpoints(learner.endpoint()).build()) {
			// refused before anything happened: unavailable, not an unknown outcome
			EtcdUnavailableException refusal = assertThatExceptionOfType(EtcdUnavailableException.class)
				.isThrownBy(() -> new EtcdTemplate(onLearner).put("/membership/on-learner", "x"))
				.withMessageContaining("is a learner")
				.actual();
			assertThat(refusal.getError()).isEqualTo(EtcdError.NOT_SUPPORTED_FOR_LEARNER);
		}
	}

	/**
	 * etcd promotes a learner only once its log is close enough to the leader's; it may
	 * still refuse right after the learner reported the leader's index.
	 */
	private static List<Member> promoteOnceInSync(ClusterClient membership, long id) {
		AtomicReference<List<Member>> members = new AtomicReference<>();
		await().atMost(CATCH_UP)
			.pollInterval(Duration.ofMillis(200))
			.ignoreException(EtcdLearnerNotReadyException.class)
			.until(() -> {
				members.set(membership.promoteMember(id));
				return true;
			});
		return members.get();
	}

	/**
	 * Make a membership change, trying again while etcd's {@code --strict-reconfig-check}
	 * refuses it: it wants every member connected for 5 seconds, which a cluster that
	 * just started has not been.
	 */
	private static <T> T whileUnhealthy(Supplier<T> change) throws InterruptedException {
		long deadline = System.nanoTime() + CATCH_UP.toNanos();
		while (true) {
			try {
				return change.get();
			}
			catch (EtcdUnavailableException ex) {
				if (ex.getError() != EtcdError.UNHEALTHY_CLUSTER || System.nanoTime() - deadline > 0) {
					throw ex;
				}
			}
			// pacing: etcd answers at once, and 5 seconds must pass
			Thread.sleep(250);
		}
	}

	/**
	 * A change's own answer lists the members as the member that made it sees them; etcd
	 * 3.4 answers a member list from the member asked, which may apply the change a
	 * moment later.
	 */
	private static void awaitMembers(ClusterClient membership, Consumer<List<Member>> assertion) {
		await().atMost(CATCH_UP).untilAsserted(() -> assertion.accept(membership.members()));
	}

	private static Member member(List<Member> members, long id) {
		return members.stream()
			.filter((member) -> member.id() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No member " + Long.toHexString(id) + " in " + members));
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
