package dev.etcdspring.docs.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.cluster.MemberAddResult;
import dev.etcdspring.client.exception.EtcdLearnerNotReadyException;

/**
 * The README's "Cluster membership" example: a member joins as a learner and becomes a
 * voter once it has caught up.
 */
class ClusterGrowth {

	private final EtcdClient client;

	ClusterGrowth(EtcdClient client) {
		this.client = client;
	}

	// tag::add-learner[]
	// 1. add a learner: it gets the log but does not vote, so the quorum stays as it is
	String addLearner(String name, String peerUrl) {
		MemberAddResult added = this.client.cluster().addLearner(List.of(peerUrl));
		// 2. start its etcd with these flags (what etcdctl member add prints)
		String initialCluster = added.members()
			.stream()
			.flatMap((member) -> member.peerUrls()
				.stream()
				.map((url) -> ((member.id() == added.member().id()) ? name : member.name()) + "=" + url))
			.collect(Collectors.joining(","));
		return "--name " + name + " --initial-advertise-peer-urls " + peerUrl + " --initial-cluster " + initialCluster
				+ " --initial-cluster-state existing";
	}

	// 3. make it a voter once it has caught up with the leader
	List<Member> promote(long learnerId, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			try {
				return this.client.cluster().promoteMember(learnerId);
			}
			catch (EtcdLearnerNotReadyException ex) { // not in sync yet: nothing changed
				if (Instant.now().isAfter(deadline)) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

	// a member that leaves: its etcd stops itself
	void retire(long memberId) {
		this.client.cluster().removeMember(memberId);
	}
	// end::add-learner[]

}
