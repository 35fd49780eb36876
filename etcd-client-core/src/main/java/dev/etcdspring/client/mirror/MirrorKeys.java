package dev.etcdspring.client.mirror;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

import dev.etcdspring.client.kv.KeyValue;

/**
 * Where a mirror's keys live in etcd and what the mirror calls them: the namespace joined
 * to the prefix with exactly one {@code /} (as {@code EtcdTemplate} joins it), taken off
 * again for the keys it shows, and the optional filter.
 */
final class MirrorKeys {

	private static final byte SLASH = '/';

	/** The namespace without trailing slashes; empty for none or for "/". */
	private final byte[] namespace;

	private final boolean namespaced;

	private final byte[] fullPrefix;

	private final Predicate<String> filter;

	MirrorKeys(String namespace, String prefix, Predicate<String> filter) {
		int end = namespace.length();
		while (end > 0 && namespace.charAt(end - 1) == '/') {
			end--;
		}
		this.namespaced = !namespace.isEmpty();
		this.namespace = namespace.substring(0, end).getBytes(StandardCharsets.UTF_8);
		this.fullPrefix = join(prefix.getBytes(StandardCharsets.UTF_8));
		this.filter = filter;
	}

	/** The prefix as stored in etcd, namespace included. */
	byte[] fullPrefix() {
		return this.fullPrefix;
	}

	/** The key as the mirror shows it: without the namespace, decoded as UTF-8. */
	String userKey(byte[] fullKey) {
		int from = this.namespaced ? Math.min(this.namespace.length, fullKey.length) : 0;
		return new String(fullKey, from, fullKey.length - from, StandardCharsets.UTF_8);
	}

	boolean accepts(String userKey) {
		return this.filter.test(userKey);
	}

	KeyValue strip(KeyValue kv) {
		if (!this.namespaced) {
			return kv;
		}
		byte[] key = kv.key();
		byte[] stripped = Arrays.copyOfRange(key, Math.min(this.namespace.length, key.length), key.length);
		return new KeyValue(stripped, kv.value(), kv.createRevision(), kv.modRevision(), kv.version(), kv.lease());
	}

	String describe() {
		return new String(this.fullPrefix, StandardCharsets.UTF_8);
	}

	private byte[] join(byte[] key) {
		if (!this.namespaced) {
			return key;
		}
		int skip = (key.length > 0 && key[0] == SLASH) ? 1 : 0;
		byte[] full = Arrays.copyOf(this.namespace, this.namespace.length + 1 + key.length - skip);
		full[this.namespace.length] = SLASH;
		System.arraycopy(key, skip, full, this.namespace.length + 1, key.length - skip);
		return full;
	}

}
