package dev.etcdspring.client.kv;

/**
 * The header of every etcd answer.
 *
 * @param clusterId the cluster's id
 * @param memberId the id of the member that answered
 * @param revision the store's revision when the request was served
 * @param raftTerm the raft term when the request was served
 * @since 0.1.0
 */
public record ResponseHeader(long clusterId, long memberId, long revision, long raftTerm) {

	static final ResponseHeader EMPTY = new ResponseHeader(0, 0, 0, 0);

	@Override
	public String toString() {
		// ids are unsigned 64-bit numbers: in hex, as etcdctl prints them
		return "ResponseHeader[clusterId=" + Long.toHexString(this.clusterId) + ", memberId="
				+ Long.toHexString(this.memberId) + ", revision=" + this.revision + ", raftTerm=" + this.raftTerm + "]";
	}

}
