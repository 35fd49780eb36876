package dev.etcdspring.client.template;

/**
 * Byte arrays, unchanged.
 */
final class BytesSerializer implements EtcdSerializer {

	static final BytesSerializer INSTANCE = new BytesSerializer();

	@Override
	public byte[] serialize(Object value) {
		if (!(value instanceof byte[] bytes)) {
			throw new IllegalArgumentException(
					"The bytes serializer stores only byte[], not " + value.getClass().getName());
		}
		return bytes;
	}

	@Override
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		if (type != byte[].class && type != Object.class) {
			throw new IllegalArgumentException("The bytes serializer reads only byte[], not " + type.getName());
		}
		return type.cast(bytes);
	}

}
