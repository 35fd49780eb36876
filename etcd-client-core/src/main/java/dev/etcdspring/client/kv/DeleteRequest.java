package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A delete of one key, a prefix or a range. {@code DeleteRequest.prefix(p).prevKv()}.
 * <p>
 * Immutable: {@link #prevKv()} returns a new request.
 *
 * @since 0.1.0
 */
public final class DeleteRequest {

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private final boolean prevKv;

	private DeleteRequest(byte[] key, byte @Nullable [] rangeEnd, boolean prevKv) {
		this.key = key;
		this.rangeEnd = rangeEnd;
		this.prevKv = prevKv;
	}

	/**
	 * Delete one key.
	 * @param key the key
	 * @return the request
	 */
	public static DeleteRequest key(byte[] key) {
		return new DeleteRequest(Keys.require(key), null, false);
	}

	/**
	 * Delete every key that starts with {@code prefix}. The prefix must not be empty:
	 * deleting every key is {@link #range(byte[], byte[])} with
	 * {@link Keys#ALL_FROM_KEY}, said explicitly.
	 * @param prefix the prefix
	 * @return the request
	 */
	public static DeleteRequest prefix(byte[] prefix) {
		return new DeleteRequest(Keys.require(prefix), Keys.prefixEnd(prefix), false);
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
		return new DeleteRequest(Keys.require(from), to, false);
	}

	/**
	 * Return the deleted key-values in the answer.
	 * @return a request like this one that asks for the deleted key-values
	 */
	public DeleteRequest prevKv() {
		return new DeleteRequest(this.key, this.rangeEnd, true);
	}

	/**
	 * Return the key, or the first key of the range.
	 * @return the key
	 * @since 0.1.0
	 */
	public byte[] getKey() {
		return this.key;
	}

	/**
	 * Return the end of the range, exclusive.
	 * @return the range end, or {@code null} when one key is deleted
	 * @since 0.1.0
	 */
	public byte @Nullable [] getRangeEnd() {
		return this.rangeEnd;
	}

	/**
	 * Whether the answer carries the deleted key-values.
	 * @return whether the deleted key-values are asked for
	 * @since 0.1.0
	 */
	public boolean isPrevKv() {
		return this.prevKv;
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
