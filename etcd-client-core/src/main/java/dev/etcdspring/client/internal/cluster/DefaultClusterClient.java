package dev.etcdspring.client.internal.cluster;

import java.util.List;

import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;

/**
 * {@link ClusterClient} over {@code /v3/cluster/member/list} and
 * {@code /v3/maintenance/status}.
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
		GatewayAnswers.MemberList answer = this.transport.call("cluster/member/list", GatewayRequests.EMPTY,
				GatewayAnswers.MemberList.class, RequestKind.READ);
		return (answer.members() != null) ? answer.members() : List.of();
	}

	@Override
	public EndpointStatus status() {
		return this.transport.call("maintenance/status", GatewayRequests.EMPTY, EndpointStatus.class, RequestKind.READ);
	}

	@Override
	public EndpointStatus status(String endpoint) {
		return this.transport.callEndpoint(endpoint, "maintenance/status", GatewayRequests.EMPTY, EndpointStatus.class);
	}

}
