package dev.etcdspring.client.cluster;

import java.util.List;

/**
 * A member of the etcd cluster.
 *
 * @param id the member id
 * @param name the member's name (empty until a newly added member has started)
 * @param peerUrls where other members reach it
 * @param clientUrls where clients reach it
 * @param learner whether it is a non-voting learner (see
 * {@link ClusterClient#addLearner(List)})
 * @since 0.1.0
 */
public record Member(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

	public Member {
		name = (name != null) ? name : "";
		peerUrls = (peerUrls != null) ? peerUrls : List.of();
		clientUrls = (clientUrls != null) ? clientUrls : List.of();
	}

	/**
	 * Whether the member's etcd has started and joined the cluster: a member that was
	 * added but has not started yet has no name and no client URLs.
	 * @return {@code true} once it has published its name
	 * @since 0.1.0
	 */
	public boolean isStarted() {
		return !this.name.isEmpty();
	}

	@Override
	public String toString() {
		// the id is an unsigned 64-bit number: in hex, as etcdctl prints it
		return "Member[id=" + Long.toHexString(this.id) + ", name=" + this.name + ", peerUrls=" + this.peerUrls
				+ ", clientUrls=" + this.clientUrls + (this.learner ? ", learner" : "") + "]";
	}

}
