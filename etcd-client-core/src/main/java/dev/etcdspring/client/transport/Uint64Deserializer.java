package dev.etcdspring.client.transport;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads etcd's uint64 fields (cluster, member and leader ids) into a {@code long} with
 * the same bits: ids above {@link Long#MAX_VALUE} are common and would not fit a signed
 * parse. Compare them with {@code ==} and print them with
 * {@link Long#toUnsignedString(long)}.
 *
 * @since 0.1.0
 */
public final class Uint64Deserializer extends ValueDeserializer<Long> {

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		String text = parser.getValueAsString();
		if (text == null || text.isEmpty()) {
			return 0L;
		}
		try {
			return Long.parseUnsignedLong(text);
		}
		catch (NumberFormatException ex) {
			return (Long) context.handleWeirdStringValue(Long.class, text, "not a uint64");
		}
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
