package dev.etcdspring.client.template;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts values to the bytes stored in etcd and back.
 * <p>
 * {@link #standard(ObjectMapper)} is what {@link EtcdTemplate} uses by default: strings
 * as UTF-8, byte arrays as they are, anything else as JSON.
 *
 * @since 0.1.0
 */
public interface EtcdSerializer {

	/**
	 * Convert a value to bytes.
	 * @param value the value, never {@code null}
	 * @return the bytes to store
	 * @throws dev.etcdspring.client.exception.EtcdSerializationException when it cannot
	 * be converted
	 */
	byte[] serialize(Object value);

	/**
	 * Convert stored bytes to a value.
	 * @param <T> the value type
	 * @param bytes the stored bytes
	 * @param type the value type
	 * @return the value
	 * @throws dev.etcdspring.client.exception.EtcdSerializationException when the bytes
	 * do not fit the type
	 */
	<T> T deserialize(byte[] bytes, Class<T> type);

	/**
	 * Strings as UTF-8, byte arrays unchanged, other types as JSON through
	 * {@code mapper}.
	 * @param mapper the mapper for JSON values
	 * @return the serializer
	 */
	static EtcdSerializer standard(ObjectMapper mapper) {
		return new StandardSerializer(mapper);
	}

	/**
	 * {@link #standard(ObjectMapper)} with a default {@link JsonMapper}.
	 * @return the serializer
	 */
	static EtcdSerializer standard() {
		return standard(JsonMapper.builder().build());
	}

	/**
	 * Every value as JSON, strings included (stored with quotes).
	 * @param mapper the mapper
	 * @return the serializer
	 */
	static EtcdSerializer json(ObjectMapper mapper) {
		return new JsonSerializer(mapper);
	}

	/**
	 * Only strings, as UTF-8.
	 * @return the serializer
	 */
	static EtcdSerializer string() {
		return StringSerializer.INSTANCE;
	}

	/**
	 * Only byte arrays, unchanged.
	 * @return the serializer
	 */
	static EtcdSerializer bytes() {
		return BytesSerializer.INSTANCE;
	}

}
