package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.Keys;

/**
 * A key prefix that a template puts in front of every key, and takes off every key it
 * returns, so that applications sharing a cluster do not see each other's keys.
 */
final class Namespace {

	static final Namespace NONE = new Namespace(new byte[0]);

	private final byte[] prefix;

	private Namespace(byte[] prefix) {
		this.prefix = prefix;
	}

	static Namespace of(String prefix) {
		return (prefix == null || prefix.isEmpty()) ? NONE : new Namespace(prefix.getBytes(StandardCharsets.UTF_8));
	}

	String prefix() {
		return new String(this.prefix, StandardCharsets.UTF_8);
	}

	/** The full key of a user key; rejects an empty key. */
	byte[] key(String key) {
		return key(Keys.require(key));
	}

	byte[] key(byte[] key) {
		return concat(Keys.require(key));
	}

	/** The full prefix of a user prefix; an empty user prefix is the whole namespace. */
	byte[] prefix(String prefix) {
		return concat(prefix.getBytes(StandardCharsets.UTF_8));
	}

	byte[] prefix(byte[] prefix) {
		return concat(prefix);
	}

	/** The user key of a full key. */
	byte[] strip(byte[] fullKey) {
		if (this.prefix.length == 0) {
			return fullKey;
		}
		return Arrays.copyOfRange(fullKey, Math.min(this.prefix.length, fullKey.length), fullKey.length);
	}

	String userKey(KeyValue kv) {
		return new String(strip(kv.key()), StandardCharsets.UTF_8);
	}

	KeyValue strip(KeyValue kv) {
		if (this.prefix.length == 0) {
			return kv;
		}
		return new KeyValue(strip(kv.key()), kv.value(), kv.createRevision(), kv.modRevision(), kv.version(),
				kv.lease());
	}

	private byte[] concat(byte[] key) {
		if (this.prefix.length == 0) {
			return key;
		}
		byte[] full = Arrays.copyOf(this.prefix, this.prefix.length + key.length);
		System.arraycopy(key, 0, full, this.prefix.length, key.length);
		return full;
	}

}
