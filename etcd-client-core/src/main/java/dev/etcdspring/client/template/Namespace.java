package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.Keys;

/**
 * A key prefix that a template puts in front of every key, and takes off every key it
 * returns, so that applications sharing a cluster do not see each other's keys.
 * <p>
 * The namespace is a path: exactly one {@code /} joins it to a key, whichever side
 * carries it. With the namespace {@code /myapp} or {@code /myapp/}, the keys
 * {@code /config/a} and {@code config/a} are both stored as {@code /myapp/config/a}, and
 * come back as {@code /config/a}. A namespace without a trailing {@code /} therefore
 * never means a bare string prefix: {@code /myapp} does not reach {@code /myapp2/...}.
 */
final class Namespace {

	private static final byte SLASH = '/';

	static final Namespace NONE = new Namespace(new byte[0]);

	/** The namespace without trailing slashes; every key is stored under it plus "/". */
	private final byte[] base;

	private Namespace(byte[] base) {
		this.base = base;
	}

	static Namespace of(String namespace) {
		if (namespace == null || namespace.isEmpty()) {
			return NONE;
		}
		int end = namespace.length();
		while (end > 0 && namespace.charAt(end - 1) == '/') {
			end--;
		}
		return new Namespace(namespace.substring(0, end).getBytes(StandardCharsets.UTF_8));
	}

	/** The prefix every key is stored under, such as {@code /myapp/}; empty for none. */
	String prefix() {
		return (this == NONE) ? "" : new String(this.base, StandardCharsets.UTF_8) + "/";
	}

	/** The full key of a user key; rejects an empty key. */
	byte[] key(String key) {
		return key(Keys.require(key));
	}

	byte[] key(byte[] key) {
		return join(Keys.require(key));
	}

	/** The full prefix of a user prefix; an empty user prefix is the whole namespace. */
	byte[] prefix(String prefix) {
		return join(prefix.getBytes(StandardCharsets.UTF_8));
	}

	byte[] prefix(byte[] prefix) {
		return join(prefix);
	}

	/** The user key of a full key: what follows the namespace, starting with "/". */
	byte[] strip(byte[] fullKey) {
		if (this == NONE) {
			return fullKey;
		}
		return Arrays.copyOfRange(fullKey, Math.min(this.base.length, fullKey.length), fullKey.length);
	}

	String userKey(KeyValue kv) {
		return new String(strip(kv.key()), StandardCharsets.UTF_8);
	}

	KeyValue strip(KeyValue kv) {
		if (this == NONE) {
			return kv;
		}
		return new KeyValue(strip(kv.key()), kv.value(), kv.createRevision(), kv.modRevision(), kv.version(),
				kv.lease());
	}

	private byte[] join(byte[] key) {
		if (this == NONE) {
			return key;
		}
		int skip = (key.length > 0 && key[0] == SLASH) ? 1 : 0;
		byte[] full = Arrays.copyOf(this.base, this.base.length + 1 + key.length - skip);
		full[this.base.length] = SLASH;
		System.arraycopy(key, skip, full, this.base.length + 1, key.length - skip);
		return full;
	}

}
