package dev.etcdspring.client.internal.codec;

import java.util.List;
import java.util.Map;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.ResponseHeader;

/**
 * Reads a {@link RangeResponse}, the answer of every get.
 */
final class RangeResponseReader extends GatewayObjectReader<RangeResponse, RangeResponseReader.Fields> {

	RangeResponseReader() {
		super(Fields::new,
				Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header), "kvs",
						messages(KeyValue.class, (fields, kvs) -> fields.kvs = kvs), "more",
						(parser, context, fields) -> fields.more = parser.getBooleanValue(), "count",
						(parser, context, fields) -> fields.count = int64(parser)));
	}

	@Override
	protected RangeResponse build(Fields fields) {
		return new RangeResponse(fields.header, fields.kvs, fields.more, fields.count);
	}

	static final class Fields {

		ResponseHeader header;

		List<KeyValue> kvs;

		boolean more;

		long count;

	}

}
