package dev.etcdspring.client.internal.codec;

import java.util.Map;

import dev.etcdspring.client.kv.KeyValue;

/**
 * Reads a {@link KeyValue}: every range answer and watch event carries them.
 */
final class KeyValueReader extends GatewayObjectReader<KeyValue, KeyValueReader.Fields> {

	KeyValueReader() {
		super(Fields::new,
				Map.of("key", (parser, context, fields) -> fields.key = parser.getBinaryValue(), "value",
						(parser, context, fields) -> fields.value = parser.getBinaryValue(), "create_revision",
						(parser, context, fields) -> fields.createRevision = int64(parser), "mod_revision",
						(parser, context, fields) -> fields.modRevision = int64(parser), "version",
						(parser, context, fields) -> fields.version = int64(parser), "lease",
						(parser, context, fields) -> fields.lease = int64(parser)));
	}

	@Override
	protected KeyValue build(Fields fields) {
		return new KeyValue(fields.key, fields.value, fields.createRevision, fields.modRevision, fields.version,
				fields.lease);
	}

	static final class Fields {

		byte[] key;

		byte[] value;

		long createRevision;

		long modRevision;

		long version;

		long lease;

	}

}
