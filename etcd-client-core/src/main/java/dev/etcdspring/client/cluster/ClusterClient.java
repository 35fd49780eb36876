package dev.etcdspring.client.cluster;

import java.util.List;

/**
 * Cluster membership and member status.
 * <p>
 * Membership changes are writes: one that times out may or may not have been applied (an
 * {@link dev.etcdspring.client.exception.EtcdOutcomeUnknownException}), so check
 * {@link #members()} before trying again. Member ids are unsigned 64-bit numbers held in
 * a {@code long}: compare them as they are, and print them with
 * {@link Long#toHexString(long)} (as etcdctl does) or
 * {@link Long#toUnsignedString(long)}.
 *
 * @since 0.1.0
 */
public interface ClusterClient {

	/**
	 * List the cluster's members. The member asked answers from what it has applied (etcd
	 * 3.4's list is not linearizable): right after a membership change it may not show it
	 * yet, while the list the change itself returned does.
	 * @return the members
	 */
	List<Member> members();

	/**
	 * Ask the member currently in use for its status.
	 * @return its status
	 */
	EndpointStatus status();

	/**
	 * Ask one given member for its status, without failover.
	 * @param endpoint the member's client URL
	 * @return its status
	 */
	EndpointStatus status(String endpoint);

	/**
	 * Add a voting member. Start its etcd afterwards, with
	 * {@code --initial-cluster-state existing} and an {@code --initial-cluster} that
	 * lists every member of {@link MemberAddResult#members()}: until it runs, the cluster
	 * counts a voter that does not answer. Adding a {@linkplain #addLearner learner} and
	 * promoting it once it caught up is the safer way.
	 * @param peerUrls where the other members will reach it, each
	 * {@code scheme://host:port} with scheme {@code http} or {@code https} (or
	 * {@code unix}, {@code unixs}) and no path
	 * @return the new member (without a name until it has started) and the members
	 * @throws IllegalArgumentException for no URLs or a URL etcd would refuse
	 * @throws dev.etcdspring.client.exception.EtcdPreconditionFailedException when
	 * another member has one of the peer URLs already
	 * @since 0.1.0
	 */
	MemberAddResult addMember(List<String> peerUrls);

	/**
	 * Add a learner: a member that receives the log but does not vote, so that it does
	 * not weaken the quorum while it catches up. Start its etcd as for
	 * {@link #addMember(List)}, then {@linkplain #promoteMember(long) promote} it.
	 * @param peerUrls where the other members will reach it (see
	 * {@link #addMember(List)})
	 * @return the new learner and the members
	 * @throws IllegalArgumentException for no URLs or a URL etcd would refuse
	 * @throws dev.etcdspring.client.exception.EtcdPreconditionFailedException when
	 * another member has one of the peer URLs already, or the cluster has a learner
	 * already (etcd allows one)
	 * @since 0.1.0
	 */
	MemberAddResult addLearner(List<String> peerUrls);

	/**
	 * Remove a member (a voter or a learner). A running member that is removed stops
	 * itself.
	 * @param memberId the member's id
	 * @return the remaining members
	 * @throws dev.etcdspring.client.exception.EtcdMemberNotFoundException when no member
	 * has that id
	 * @since 0.1.0
	 */
	List<Member> removeMember(long memberId);

	/**
	 * Change where the other members reach a member. The member keeps listening where its
	 * {@code --listen-peer-urls} say: change those first.
	 * @param memberId the member's id
	 * @param peerUrls its new peer URLs (see {@link #addMember(List)})
	 * @return the members
	 * @throws IllegalArgumentException for no URLs or a URL etcd would refuse
	 * @throws dev.etcdspring.client.exception.EtcdMemberNotFoundException when no member
	 * has that id
	 * @throws dev.etcdspring.client.exception.EtcdPreconditionFailedException when
	 * another member has one of the peer URLs already
	 * @since 0.1.0
	 */
	List<Member> updateMember(long memberId, List<String> peerUrls);

	/**
	 * Make a learner a voting member. etcd refuses until the learner has caught up with
	 * the leader's log: catch
	 * {@link dev.etcdspring.client.exception.EtcdLearnerNotReadyException} and try again
	 * a little later.
	 * @param memberId the learner's id
	 * @return the members
	 * @throws dev.etcdspring.client.exception.EtcdLearnerNotReadyException when the
	 * learner has not caught up yet
	 * @throws dev.etcdspring.client.exception.EtcdPreconditionFailedException when the
	 * member is not a learner
	 * @throws dev.etcdspring.client.exception.EtcdMemberNotFoundException when no member
	 * has that id
	 * @since 0.1.0
	 */
	List<Member> promoteMember(long memberId);

}
