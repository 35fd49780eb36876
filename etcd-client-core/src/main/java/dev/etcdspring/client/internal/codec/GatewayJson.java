package dev.etcdspring.client.internal.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of etcd's gateway, kept apart from any mapper the application
 * configures for its own values: the gateway's rules (base64 bytes, int64 as strings,
 * omitted defaults) are fixed, and a user's mapper settings must not change the wire
 * format.
 *
 * @since 0.1.0
 */
public final class GatewayJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// etcd adds fields between versions; a newer server must not break an older
		// client.
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// proto3 omits default values: an absent "version" means 0, not an error.
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	/** One reader per answer type: it keeps the resolved deserializer at hand. */
	private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {

		@Override
		protected ObjectReader computeValue(Class<?> type) {
			return MAPPER.readerFor(type);
		}

	};

	private static final ObjectWriter WRITER = MAPPER.writer();

	private GatewayJson() {
	}

	/**
	 * Read a gateway message.
	 * @param <T> the message type
	 * @param json the message
	 * @param type the message type
	 * @return the message
	 * @throws tools.jackson.core.JacksonException if it cannot be read as {@code type}
	 */
	public static <T> T read(byte[] json, Class<T> type) {
		return reader(type).readValue(json);
	}

	/**
	 * Return the reader of a gateway message type, created once per type.
	 * @param type the message type
	 * @return the reader
	 */
	public static ObjectReader reader(Class<?> type) {
		return READERS.get(type);
	}

	/**
	 * Write a gateway message.
	 * @param message the message
	 * @return its JSON
	 */
	public static byte[] write(Object message) {
		if (message instanceof GatewayRequest request) {
			return GatewayJsonWriter.write(request);
		}
		return WRITER.writeValueAsBytes(message);
	}

	/**
	 * Return the mapper for gateway messages. Byte arrays map to standard base64 and
	 * int64 fields are read from strings, both Jackson defaults that match the gateway.
	 * @return the shared, thread-safe mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
