package dev.etcdspring.client.internal.codec;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of etcd's gateway, kept apart from any mapper the application
 * configures for its own values: the gateway's rules (base64 bytes, int64 as strings,
 * omitted defaults) are fixed, and a user's mapper settings must not change the wire
 * format. Requests are written by {@link GatewayJsonWriter}; answers are read by the
 * readers {@link GatewayModule} registers, or mapped by Jackson for the rare ones
 * ({@link GatewayAnswers}).
 *
 * @since 0.1.0
 */
public final class GatewayJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.addModule(new GatewayModule())
		// etcd adds fields between versions; a newer server must not break an older
		// client.
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// proto3 omits default values: an absent "version" means 0, not an error.
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/** One reader per answer type: it keeps the resolved deserializer at hand. */
	private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {

		@Override
		protected ObjectReader computeValue(Class<?> type) {
			return MAPPER.readerFor(type);
		}

	};

	private GatewayJson() {
	}

	/**
	 * Read a gateway message.
	 * @param <T> the message type
	 * @param json the message
	 * @param type the message type
	 * @return the message
	 * @throws GatewayJsonException if it cannot be read as {@code type}
	 */
	public static <T> T read(byte[] json, Class<T> type) {
		try {
			return READERS.get(type).readValue(json);
		}
		catch (JacksonException ex) {
			throw new GatewayJsonException(ex);
		}
	}

	/**
	 * Read the body of an error answer.
	 * @param body the body
	 * @return the error, or {@code null} when the body is not a gateway error
	 */
	public static @Nullable GatewayError readError(byte[] body) {
		try {
			return READERS.get(GatewayError.class).readValue(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Read messages from a body as they arrive.
	 * @param <T> the message type
	 * @param body the body
	 * @param type the message type
	 * @return the messages
	 * @throws IOException when reading the body failed
	 * @throws GatewayJsonException when the body does not start like JSON
	 */
	public static <T> GatewayMessageStream<T> readMessages(InputStream body, Class<T> type) throws IOException {
		try {
			return new GatewayMessageStream<>(READERS.get(type).readValues(body));
		}
		catch (JacksonException ex) {
			throw GatewayMessageStream.translate(ex);
		}
	}

	/**
	 * Write a gateway request.
	 * @param request the request
	 * @return its JSON
	 */
	public static byte[] write(GatewayRequest request) {
		return GatewayJsonWriter.write(request);
	}

	/**
	 * Return the mapper for gateway messages. Byte arrays map from standard base64 and
	 * int64 fields are read from strings, both Jackson defaults that match the gateway.
	 * @return the shared, thread-safe mapper
	 */
	static JsonMapper mapper() {
		return MAPPER;
	}

}
