package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Key helpers: validation, UTF-8 encoding, and the range end that turns a key into a
 * prefix.
 *
 * @since 0.1.0
 */
public final class Keys {

	/** The range end meaning "every key from the start key on". */
	public static final byte[] ALL_FROM_KEY = { 0 };

	private Keys() {
	}

	/**
	 * Check that a key can be sent to etcd: etcd rejects empty keys.
	 * @param key the key
	 * @return the key
	 * @throws IllegalArgumentException for a {@code null} or empty key
	 */
	public static byte[] require(byte[] key) {
		if (key == null || key.length == 0) {
			throw new IllegalArgumentException("etcd key must not be null or empty");
		}
		return key;
	}

	/**
	 * Encode and check a key.
	 * @param key the key
	 * @return its UTF-8 bytes
	 * @throws IllegalArgumentException for a {@code null} or empty key
	 */
	public static byte[] require(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("etcd key must not be null or empty");
		}
		return key.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the smallest key greater than every key that starts with {@code prefix}: the
	 * prefix with its last byte below 0xFF incremented and what follows dropped. A prefix
	 * of only 0xFF bytes (or an empty one) has no such key; every key from the prefix on
	 * is meant then.
	 * @param prefix the prefix
	 * @return the range end for the prefix
	 */
	public static byte[] prefixEnd(byte[] prefix) {
		for (int i = prefix.length - 1; i >= 0; i--) {
			if (prefix[i] != (byte) 0xFF) {
				byte[] end = Arrays.copyOf(prefix, i + 1);
				end[i]++;
				return end;
			}
		}
		return ALL_FROM_KEY;
	}

	/**
	 * Show a key in logs and messages: as text when it is clean UTF-8 without control
	 * characters, otherwise as hex.
	 * @param key the key
	 * @return the printable form
	 */
	public static String printable(byte[] key) {
		String text = new String(key, StandardCharsets.UTF_8);
		boolean clean = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), key)
				&& text.codePoints().noneMatch(Character::isISOControl);
		return clean ? text : "0x" + HexFormat.of().formatHex(key);
	}

	/**
	 * Return the key right after {@code key} in etcd's byte order: {@code key + 0x00},
	 * where the next page of a paginated read starts.
	 * @param key the last key seen
	 * @return the next possible key
	 */
	public static byte[] successor(byte[] key) {
		return Arrays.copyOf(key, key.length + 1);
	}

}
