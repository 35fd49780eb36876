package dev.etcdspring.client.cluster;

import java.util.List;

import dev.etcdspring.client.kv.ResponseHeader;

/**
 * The status of one member, as it reports it.
 *
 * @param header the answer's header (its member id is the reporting member)
 * @param version the etcd version
 * @param dbSize the backend database size in bytes
 * @param leader the id of the member it believes is the leader (0: none)
 * @param raftIndex the raft index
 * @param raftTerm the raft term
 * @param errors alarms and errors the member reports
 * @since 0.1.0
 */
public record EndpointStatus(ResponseHeader header, String version, long dbSize, long leader, long raftIndex,
		long raftTerm, List<String> errors) {

	public EndpointStatus {
		errors = (errors != null) ? errors : List.of();
	}

	/**
	 * Whether the reporting member is the leader.
	 * @return {@code true} for the leader
	 */
	public boolean isLeader() {
		return this.leader != 0 && this.header != null && this.leader == this.header.memberId();
	}

	@Override
	public String toString() {
		// ids are unsigned 64-bit numbers: in hex, as etcdctl prints them
		return "EndpointStatus[member=" + ((this.header != null) ? Long.toHexString(this.header.memberId()) : "?")
				+ ", version=" + this.version + ", dbSize=" + this.dbSize + ", leader=" + Long.toHexString(this.leader)
				+ ", raftIndex=" + this.raftIndex + ", raftTerm=" + this.raftTerm + ", errors=" + this.errors + "]";
	}

}
