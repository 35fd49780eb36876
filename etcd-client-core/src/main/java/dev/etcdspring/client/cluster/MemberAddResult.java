package dev.etcdspring.client.cluster;

import java.util.List;

/**
 * The answer to adding a member or a learner.
 *
 * @param member the new member: its id and peer URLs; no name and no client URLs until
 * its etcd has started
 * @param members every member of the cluster, the new one included: what the new member's
 * {@code --initial-cluster} must list
 * @since 0.1.0
 */
public record MemberAddResult(Member member, List<Member> members) {

	public MemberAddResult {
		members = (members != null) ? List.copyOf(members) : List.of();
	}

}
