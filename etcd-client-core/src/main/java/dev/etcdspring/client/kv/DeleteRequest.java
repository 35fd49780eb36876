package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.etcdspring.client.internal.codec.GatewayJsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * A delete of one key, a prefix or a range. {@code DeleteRequest.prefix(p).prevKv()}.
 *
 * @since 0.1.0
 */
public final class DeleteRequest {

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private boolean prevKv;

	private DeleteRequest(byte[] key, byte @Nullable [] rangeEnd) {
		this.key = key;
		this.rangeEnd = rangeEnd;
	}

	/**
	 * Delete one key.
	 * @param key the key
	 * @return the request
	 */
	public static DeleteRequest key(byte[] key) {
		return new DeleteRequest(Keys.require(key), null);
	}

	/**
	 * Delete every key that starts with {@code prefix}. The prefix must not be empty:
	 * deleting every key is {@link #range(byte[], byte[])} with
	 * {@link Keys#ALL_FROM_KEY}, said explicitly.
	 * @param prefix the prefix
	 * @return the request
	 */
	public static DeleteRequest prefix(byte[] prefix) {
		return new DeleteRequest(Keys.require(prefix), Keys.prefixEnd(prefix));
	}

	/**
	 * Delete every key that starts with {@code prefix}.
	 * @param prefix the prefix, UTF-8 encoded
	 * @return the request
	 */
	public static DeleteRequest prefix(String prefix) {
		return prefix(prefix.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Delete the keys in {@code [from, to)}.
	 * @param from the first key
	 * @param to the end of the range, exclusive
	 * @return the request
	 */
	public static DeleteRequest range(byte[] from, byte[] to) {
		return new DeleteRequest(Keys.require(from), to);
	}

	/**
	 * Return the deleted key-values in the answer.
	 * @return this request
	 */
	public DeleteRequest prevKv() {
		this.prevKv = true;
		return this;
	}

	/** Write this request's fields (proto3: a field left out is its default). */
	public void writeFields(GatewayJsonWriter json) {
		json.field("key", this.key);
		if (this.rangeEnd != null) {
			json.field("range_end", this.rangeEnd);
		}
		if (this.prevKv) {
			json.field("prev_kv", true);
		}
	}

	/**
	 * The answer to a delete.
	 *
	 * @param header the answer's header
	 * @param deleted how many keys were deleted
	 * @param prevKvs the deleted key-values, when asked for
	 */
	public record Response(ResponseHeader header, long deleted, List<KeyValue> prevKvs) {

		public Response {
			header = (header != null) ? header : ResponseHeader.EMPTY;
			prevKvs = (prevKvs != null) ? prevKvs : List.of();
		}

	}

}
