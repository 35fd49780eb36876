package dev.etcdspring.client.template;

import tools.jackson.databind.ObjectMapper;

/**
 * Strings as UTF-8 and byte arrays unchanged, so that {@code etcdctl get} shows what was
 * put; anything else as JSON.
 */
final class StandardSerializer implements EtcdSerializer {

	private final JsonSerializer json;

	StandardSerializer(ObjectMapper mapper) {
		this.json = new JsonSerializer(mapper);
	}

	@Override
	public byte[] serialize(Object value) {
		if (value instanceof CharSequence) {
			return StringSerializer.INSTANCE.serialize(value);
		}
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		return this.json.serialize(value);
	}

	@Override
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		if (type == String.class) {
			return StringSerializer.INSTANCE.deserialize(bytes, type);
		}
		if (type == byte[].class) {
			return type.cast(bytes);
		}
		return this.json.deserialize(bytes, type);
	}

}
