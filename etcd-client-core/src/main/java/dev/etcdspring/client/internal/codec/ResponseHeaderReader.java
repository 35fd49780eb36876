package dev.etcdspring.client.internal.codec;

import java.util.Map;

import dev.etcdspring.client.kv.ResponseHeader;

/**
 * Reads a {@link ResponseHeader}: every answer carries one, and each operation of a
 * transaction's answer too.
 */
final class ResponseHeaderReader extends GatewayObjectReader<ResponseHeader, ResponseHeaderReader.Fields> {

	ResponseHeaderReader() {
		super(Fields::new,
				Map.of("cluster_id", (parser, context, fields) -> fields.clusterId = uint64(parser), "member_id",
						(parser, context, fields) -> fields.memberId = uint64(parser), "revision",
						(parser, context, fields) -> fields.revision = int64(parser), "raft_term",
						(parser, context, fields) -> fields.raftTerm = int64(parser)));
	}

	@Override
	protected ResponseHeader build(Fields fields) {
		return new ResponseHeader(fields.clusterId, fields.memberId, fields.revision, fields.raftTerm);
	}

	static final class Fields {

		long clusterId;

		long memberId;

		long revision;

		long raftTerm;

	}

}
