package dev.etcdspring.client.internal.codec;

import java.util.Map;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.ResponseHeader;

/**
 * Reads a {@link PutRequest.Response}, the answer of every put.
 */
final class PutResponseReader extends GatewayObjectReader<PutRequest.Response, PutResponseReader.Fields> {

	PutResponseReader() {
		super(Fields::new, Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header),
				"prev_kv", message(KeyValue.class, (fields, kv) -> fields.prevKv = kv)));
	}

	@Override
	protected PutRequest.Response build(Fields fields) {
		return new PutRequest.Response(fields.header, fields.prevKv);
	}

	static final class Fields {

		ResponseHeader header;

		KeyValue prevKv;

	}

}
