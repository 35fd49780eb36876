package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8.
 */
final class StringSerializer implements EtcdSerializer {

	static final StringSerializer INSTANCE = new StringSerializer();

	@Override
	public byte[] serialize(Object value) {
		if (!(value instanceof CharSequence text)) {
			throw new IllegalArgumentException(
					"The string serializer stores only strings, not " + value.getClass().getName());
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		if (!type.isAssignableFrom(String.class)) {
			throw new IllegalArgumentException("The string serializer reads only strings, not " + type.getName());
		}
		return type.cast(new String(bytes, StandardCharsets.UTF_8));
	}

}
