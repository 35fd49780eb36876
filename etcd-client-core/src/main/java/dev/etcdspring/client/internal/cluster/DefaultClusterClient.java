package dev.etcdspring.client.internal.cluster;

import java.util.List;

import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.cluster.MemberAddResult;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;

/**
 * {@link ClusterClient} over {@code /v3/cluster/member/...} and
 * {@code /v3/maintenance/status}. Membership changes are sent as writes: never repeated
 * after a failure that may have reached etcd, since adding a member twice adds two.
 *
 * @since 0.1.0
 */
public final class DefaultClusterClient implements ClusterClient {

	private final GatewayTransport transport;

	public DefaultClusterClient(GatewayTransport transport) {
		this.transport = transport;
	}

	@Override
	public List<Member> members() {
		return members(this.transport.call("cluster/member/list", GatewayRequests.EMPTY,
				GatewayAnswers.MemberList.class, RequestKind.READ));
	}

	@Override
	public EndpointStatus status() {
		return this.transport.call("maintenance/status", GatewayRequests.EMPTY, EndpointStatus.class, RequestKind.READ);
	}

	@Override
	public EndpointStatus status(String endpoint) {
		return this.transport.callEndpoint(endpoint, "maintenance/status", GatewayRequests.EMPTY, EndpointStatus.class);
	}

	@Override
	public MemberAddResult addMember(List<String> peerUrls) {
		return add(peerUrls, false);
	}

	@Override
	public MemberAddResult addLearner(List<String> peerUrls) {
		return add(peerUrls, true);
	}

	private MemberAddResult add(List<String> peerUrls, boolean learner) {
		GatewayAnswers.MemberAdd answer = this.transport.call("cluster/member/add",
				GatewayRequests.memberAdd(PeerUrls.check(peerUrls), learner), GatewayAnswers.MemberAdd.class,
				RequestKind.WRITE);
		Member member = answer.member();
		if (member == null) {
			throw new EtcdException("etcd added a member but its answer did not describe it; list the members "
					+ "to find it by its peer URLs " + peerUrls);
		}
		return new MemberAddResult(member, answer.members());
	}

	@Override
	public List<Member> removeMember(long memberId) {
		return members(this.transport.call("cluster/member/remove", GatewayRequests.member(memberId),
				GatewayAnswers.MemberList.class, RequestKind.WRITE));
	}

	@Override
	public List<Member> updateMember(long memberId, List<String> peerUrls) {
		return members(this.transport.call("cluster/member/update",
				GatewayRequests.memberUpdate(memberId, PeerUrls.check(peerUrls)), GatewayAnswers.MemberList.class,
				RequestKind.WRITE));
	}

	@Override
	public List<Member> promoteMember(long memberId) {
		return members(this.transport.call("cluster/member/promote", GatewayRequests.member(memberId),
				GatewayAnswers.MemberList.class, RequestKind.WRITE));
	}

	private static List<Member> members(GatewayAnswers.MemberList answer) {
		return (answer.members() != null) ? List.copyOf(answer.members()) : List.of();
	}

}
