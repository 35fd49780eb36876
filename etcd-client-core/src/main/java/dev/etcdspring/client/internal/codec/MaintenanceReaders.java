package dev.etcdspring.client.internal.codec;

import java.util.Map;

import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.maintenance.Alarm;
import dev.etcdspring.client.maintenance.AlarmType;
import dev.etcdspring.client.maintenance.MemberHash;

/**
 * Readers of the maintenance API's answers. Like {@link ClusterReaders}, they exist for
 * the uint64 member ids, which a signed parse refuses above {@link Long#MAX_VALUE}.
 */
final class MaintenanceReaders {

	private static final ResponseHeader NO_HEADER = new ResponseHeader(0, 0, 0, 0);

	private MaintenanceReaders() {
	}

	/** Reads an {@link Alarm}: {@code {"memberID":"...","alarm":"NOSPACE"}}. */
	static final class AlarmReader extends GatewayObjectReader<Alarm, AlarmReader.Fields> {

		AlarmReader() {
			super(Fields::new, Map.of("memberID", (parser, context, fields) -> fields.memberId = uint64(parser),
					"alarm", (parser, context, fields) -> fields.type = parser.getString()));
		}

		@Override
		protected Alarm build(Fields fields) {
			return new Alarm(fields.memberId, type(fields.type));
		}

		/** A newer etcd's alarm must not make the whole list unreadable. */
		private static AlarmType type(String name) {
			for (AlarmType type : AlarmType.values()) {
				if (type.name().equals(name)) {
					return type;
				}
			}
			return AlarmType.UNKNOWN;
		}

		static final class Fields {

			long memberId;

			String type;

		}

	}

	/**
	 * Reads a {@link MemberHash}, the answer of a hash or a hash of the key-value store.
	 */
	static final class HashReader extends GatewayObjectReader<MemberHash, HashReader.Fields> {

		HashReader() {
			super(Fields::new,
					Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header), "hash",
							(parser, context, fields) -> fields.hash = int64(parser), "compact_revision",
							(parser, context, fields) -> fields.compactRevision = int64(parser)));
		}

		@Override
		protected MemberHash build(Fields fields) {
			return new MemberHash((fields.header != null) ? fields.header : NO_HEADER, fields.hash,
					fields.compactRevision);
		}

		static final class Fields {

			ResponseHeader header;

			long hash;

			long compactRevision;

		}

	}

}
