package dev.etcdspring.client.cluster;

import java.util.List;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdLearnerNotReadyException;
import dev.etcdspring.client.exception.EtcdMemberNotFoundException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Membership changes that etcd refuses, on a real single-member etcd: each becomes a
 * typed exception whose message says what to do. A learner that never starts leaves a
 * one-member cluster its quorum, so a test may add one; it is removed after.
 */
class ClusterMembershipErrorsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@AfterEach
	void removeAddedMembers() {
		long server = client.cluster().status().header().memberId();
		client.cluster()
			.members()
			.stream()
			.filter((member) -> member.id() != server)
			.forEach((member) -> client.cluster().removeMember(member.id()));
	}

	@Test
	void unknownMemberIdShouldBeMemberNotFound() {
		// 2^64 - 1: sent unsigned, or etcd would refuse to parse it instead
		long unknown = -1L;
		assertThatExceptionOfType(EtcdMemberNotFoundException.class)
			.isThrownBy(() -> client.cluster().removeMember(unknown))
			.withMessageContaining("etcdserver: member not found")
			.withMessageContaining("cluster().members() lists the current ids");
		assertThatExceptionOfType(EtcdMemberNotFoundException.class)
			.isThrownBy(() -> client.cluster().updateMember(unknown, List.of("http://127.0.0.1:1")));
		assertThatExceptionOfType(EtcdMemberNotFoundException.class)
			.isThrownBy(() -> client.cluster().promoteMember(Long.MAX_VALUE));
	}

	@Test
	void promotingAVotingMemberShouldSayOnlyLearnersArePromoted() {
		long voter = client.cluster().members().get(0).id();
		EtcdPreconditionFailedException failure = assertThatExceptionOfType(EtcdPreconditionFailedException.class)
			.isThrownBy(() -> client.cluster().promoteMember(voter))
			.withMessageContaining("only a learner is promoted")
			.actual();
		assertThat(failure).isNotInstanceOf(EtcdLearnerNotReadyException.class);
		assertThat(failure.getError()).isEqualTo(EtcdError.MEMBER_NOT_LEARNER);
	}

	@Test
	void learnerThatNeverStartedShouldNotBePromotedAndBlockASecondLearner() {
		// etcd derives ids from the URLs and the second: URLs no other test adds
		MemberAddResult learner = client.cluster().addLearner(List.of("http://127.0.0.1:11"));
		assertThat(learner.members()).hasSize(2);
		assertThatExceptionOfType(EtcdLearnerNotReadyException.class)
			.isThrownBy(() -> client.cluster().promoteMember(learner.member().id()))
			.withMessageContaining("start the learner's etcd and wait until it has caught up");
		EtcdPreconditionFailedException secondLearner = assertThatExceptionOfType(EtcdPreconditionFailedException.class)
			.isThrownBy(() -> client.cluster().addLearner(List.of("http://127.0.0.1:12")))
			.withMessageContaining("one learner at a time")
			.actual();
		assertThat(secondLearner.getError()).isEqualTo(EtcdError.TOO_MANY_LEARNERS);
		EtcdPreconditionFailedException sameUrls = assertThatExceptionOfType(EtcdPreconditionFailedException.class)
			.isThrownBy(() -> client.cluster()
				.updateMember(client.cluster()
					.members()
					.stream()
					.filter((member) -> !member.learner())
					.findFirst()
					.orElseThrow()
					.id(), List.of("http://127.0.0.1:11")))
			.actual();
		assertThat(sameUrls.getError()).isEqualTo(EtcdError.PEER_URL_EXISTS);
		assertThat(client.cluster().removeMember(learner.member().id())).hasSize(1);
	}

}
