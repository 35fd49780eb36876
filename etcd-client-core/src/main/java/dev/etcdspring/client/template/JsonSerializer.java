package dev.etcdspring.client.template;

import dev.etcdspring.client.exception.EtcdSerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Values as JSON through a Jackson {@link ObjectMapper}.
 */
final class JsonSerializer implements EtcdSerializer {

	private final ObjectMapper mapper;

	JsonSerializer(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public byte[] serialize(Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new EtcdSerializationException(
					"Cannot write " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		try {
			return this.mapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new EtcdSerializationException(
					"Cannot read the stored value as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
