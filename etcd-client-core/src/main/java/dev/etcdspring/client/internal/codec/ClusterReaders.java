package dev.etcdspring.client.internal.codec;

import java.util.List;
import java.util.Map;

import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.kv.ResponseHeader;

/**
 * Readers of the cluster API's answers. Rare messages, but their ids are uint64, which a
 * signed parse would refuse above {@link Long#MAX_VALUE}: these readers parse them like
 * the headers' ids, so the public records need no mapping annotations.
 */
final class ClusterReaders {

	private ClusterReaders() {
	}

	/** Reads a {@link Member}. */
	static final class MemberReader extends GatewayObjectReader<Member, MemberReader.Fields> {

		MemberReader() {
			super(Fields::new,
					Map.of("ID", (parser, context, fields) -> fields.id = uint64(parser), "name",
							(parser, context, fields) -> fields.name = parser.getString(), "peerURLs",
							strings((fields, urls) -> fields.peerUrls = urls), "clientURLs",
							strings((fields, urls) -> fields.clientUrls = urls), "isLearner",
							(parser, context, fields) -> fields.learner = parser.getBooleanValue()));
		}

		@Override
		protected Member build(Fields fields) {
			return new Member(fields.id, fields.name, fields.peerUrls, fields.clientUrls, fields.learner);
		}

		static final class Fields {

			long id;

			String name;

			List<String> peerUrls;

			List<String> clientUrls;

			boolean learner;

		}

	}

	/** Reads an {@link EndpointStatus}. */
	static final class StatusReader extends GatewayObjectReader<EndpointStatus, StatusReader.Fields> {

		StatusReader() {
			super(Fields::new,
					Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header),
							"version", (parser, context, fields) -> fields.version = parser.getString(), "dbSize",
							(parser, context, fields) -> fields.dbSize = int64(parser), "leader",
							(parser, context, fields) -> fields.leader = uint64(parser), "raftIndex",
							(parser, context, fields) -> fields.raftIndex = int64(parser), "raftTerm",
							(parser, context, fields) -> fields.raftTerm = int64(parser), "errors",
							strings((fields, errors) -> fields.errors = errors)));
		}

		@Override
		protected EndpointStatus build(Fields fields) {
			return new EndpointStatus(fields.header, fields.version, fields.dbSize, fields.leader, fields.raftIndex,
					fields.raftTerm, fields.errors);
		}

		static final class Fields {

			ResponseHeader header;

			String version;

			long dbSize;

			long leader;

			long raftIndex;

			long raftTerm;

			List<String> errors;

		}

	}

}
