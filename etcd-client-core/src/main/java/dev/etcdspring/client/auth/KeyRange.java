package dev.etcdspring.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.etcdspring.client.kv.Keys;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The keys a {@link Permission} covers: one key, every key under a prefix, or a range of
 * keys, as in {@link dev.etcdspring.client.kv.RangeQuery}. Keys are bytes; the
 * {@code String} factories encode them as UTF-8. Immutable, and equal to any range of the
 * same bytes, so that {@code role.permissions().contains(...)} works on what etcd
 * answers.
 *
 * @since 0.1.0
 */
public final class KeyRange {

	private static final byte[] NO_RANGE_END = {};

	private final byte[] key;

	private final byte[] rangeEnd;

	private KeyRange(byte[] key, byte[] rangeEnd) {
		this.key = key;
		this.rangeEnd = rangeEnd;
	}

	/**
	 * Cover one key.
	 * @param key the key
	 * @return the range
	 * @throws IllegalArgumentException for a {@code null} or empty key
	 */
	public static KeyRange key(byte[] key) {
		return new KeyRange(Keys.require(key).clone(), NO_RANGE_END);
	}

	/**
	 * Cover one key.
	 * @param key the key, UTF-8 encoded
	 * @return the range
	 * @throws IllegalArgumentException for a {@code null} or empty key
	 */
	public static KeyRange key(String key) {
		return new KeyRange(Keys.require(key), NO_RANGE_END);
	}

	/**
	 * Cover every key that starts with {@code prefix}; an empty prefix covers every key
	 * (as {@code etcdctl role grant-permission <role> <type> "" --prefix} does).
	 * @param prefix the prefix
	 * @return the range
	 */
	public static KeyRange prefix(byte[] prefix) {
		Assert.notNull(prefix, "Key prefix must not be null");
		if (prefix.length == 0) {
			return new KeyRange(Keys.ALL_FROM_KEY, Keys.ALL_FROM_KEY);
		}
		return new KeyRange(prefix.clone(), Keys.prefixEnd(prefix));
	}

	/**
	 * Cover every key that starts with {@code prefix}; an empty prefix covers every key.
	 * @param prefix the prefix, UTF-8 encoded
	 * @return the range
	 */
	public static KeyRange prefix(String prefix) {
		Assert.notNull(prefix, "Key prefix must not be null");
		return prefix(prefix.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Cover the keys in {@code [from, to)}; {@code to} = {@link Keys#ALL_FROM_KEY} covers
	 * every key from {@code from} on (etcdctl's {@code --from-key}).
	 * @param from the first key
	 * @param to the end of the range, exclusive
	 * @return the range
	 * @throws IllegalArgumentException for an empty {@code from} or {@code to}
	 */
	public static KeyRange range(byte[] from, byte[] to) {
		Assert.isTrue(to != null && to.length > 0, "End of the key range must not be null or empty");
		return new KeyRange(Keys.require(from).clone(), to.clone());
	}

	/**
	 * Cover the keys in {@code [from, to)}.
	 * @param from the first key, UTF-8 encoded
	 * @param to the end of the range, exclusive, UTF-8 encoded
	 * @return the range
	 * @throws IllegalArgumentException for an empty {@code from} or {@code to}
	 */
	public static KeyRange range(String from, String to) {
		Assert.hasLength(to, "End of the key range must not be null or empty");
		return range(Keys.require(from), to.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return a range as etcd stores it, for example in the answer to a role's
	 * permissions: no range end (or an empty one) means the single key.
	 * @param key the key or the first key
	 * @param rangeEnd the end of the range, exclusive; {@code null} or empty for one key
	 * @return the range
	 */
	public static KeyRange of(byte @Nullable [] key, byte @Nullable [] rangeEnd) {
		// no validation: etcd may hold ranges that the factories refuse (an empty key)
		return new KeyRange((key != null) ? key.clone() : NO_RANGE_END,
				(rangeEnd != null) ? rangeEnd.clone() : NO_RANGE_END);
	}

	/**
	 * Return the key, or the first key of the range.
	 * @return a copy of the key
	 */
	public byte[] key() {
		return this.key.clone();
	}

	/**
	 * Return the end of the range, exclusive, or an empty array when the range is one
	 * key.
	 * @return a copy of the range end
	 */
	public byte[] rangeEnd() {
		return this.rangeEnd.clone();
	}

	/**
	 * Whether this range covers a single key.
	 * @return {@code true} for one key
	 */
	public boolean isSingleKey() {
		return this.rangeEnd.length == 0;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof KeyRange that && Arrays.equals(this.key, that.key)
				&& Arrays.equals(this.rangeEnd, that.rangeEnd);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.key) + Arrays.hashCode(this.rangeEnd);
	}

	/**
	 * Describe the range as {@code key /a}, {@code prefix /app/}, {@code every key},
	 * {@code from key /a} or {@code range [/a, /b)}.
	 */
	@Override
	public String toString() {
		if (isSingleKey()) {
			return "key " + Keys.printable(this.key);
		}
		boolean toTheEnd = Arrays.equals(this.rangeEnd, Keys.ALL_FROM_KEY);
		if (toTheEnd && Arrays.equals(this.key, Keys.ALL_FROM_KEY)) {
			return "every key";
		}
		if (toTheEnd) {
			return "from key " + Keys.printable(this.key);
		}
		if (this.key.length > 0 && Arrays.equals(this.rangeEnd, Keys.prefixEnd(this.key))) {
			return "prefix " + Keys.printable(this.key);
		}
		return "range [" + Keys.printable(this.key) + ", " + Keys.printable(this.rangeEnd) + ")";
	}

}
