package dev.etcdspring.client.internal.codec;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads etcd's uint64 fields (cluster, member and leader ids) into a {@code long} with
 * the same bits: ids above {@link Long#MAX_VALUE} are common and would not fit a signed
 * parse. Compare them with {@code ==} and print them with
 * {@link Long#toUnsignedString(long)}. The parse is the hand-written readers' own
 * ({@link GatewayObjectReader}), for the records Jackson maps.
 *
 * @since 0.1.0
 */
public final class Uint64Deserializer extends ValueDeserializer<Long> {

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		return GatewayObjectReader.uint64(parser);
	}

	@Override
	public Long getNullValue(DeserializationContext context) {
		return 0L;
	}

	@Override
	public Object getAbsentValue(DeserializationContext context) {
		// proto3 omits zero values, and nested headers in transactions carry only a
		// revision
		return 0L;
	}

}
