package dev.etcdspring.client.auth;

import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.kv.Keys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The key ranges of permissions: the bytes etcd stores (and etcdctl writes) for a key, a
 * prefix and a range, their equality and their description.
 */
class KeyRangeTests {

	@Test
	void keyShouldHaveNoRangeEnd() {
		KeyRange key = KeyRange.key("/a");
		assertThat(key.key()).isEqualTo(bytes("/a"));
		assertThat(key.rangeEnd()).isEmpty();
		assertThat(key.isSingleKey()).isTrue();
		assertThat(key).hasToString("key /a");
	}

	@Test
	void prefixShouldEndAtTheNextPrefix() {
		KeyRange prefix = KeyRange.prefix("/app/");
		assertThat(prefix.key()).isEqualTo(bytes("/app/"));
		assertThat(prefix.rangeEnd()).isEqualTo(bytes("/app0"));
		assertThat(prefix.isSingleKey()).isFalse();
		assertThat(prefix).hasToString("prefix /app/");
	}

	@Test
	void emptyPrefixShouldCoverEveryKeyAsEtcdctlWritesIt() {
		// etcdctl role grant-permission r read "" --prefix stores key \0, range end \0
		KeyRange every = KeyRange.prefix("");
		assertThat(every.key()).isEqualTo(new byte[] { 0 });
		assertThat(every.rangeEnd()).isEqualTo(new byte[] { 0 });
		assertThat(every).hasToString("every key");
	}

	@Test
	void rangeShouldBeDescribedByItsEnds() {
		assertThat(KeyRange.range("/a", "/c")).hasToString("range [/a, /c)");
		assertThat(KeyRange.range(bytes("/a"), Keys.ALL_FROM_KEY)).hasToString("from key /a");
		assertThat(KeyRange.key(new byte[] { (byte) 0xff, 1 })).hasToString("key 0xff01");
	}

	@Test
	void rangesOfTheSameBytesShouldBeEqual() {
		assertThat(KeyRange.range("/a", "/b")).isEqualTo(KeyRange.prefix("/a"))
			.hasSameHashCodeAs(KeyRange.prefix("/a"));
		assertThat(KeyRange.of(bytes("/a"), null)).isEqualTo(KeyRange.key("/a"));
		assertThat(KeyRange.of(bytes("/a"), new byte[0])).isEqualTo(KeyRange.key("/a"));
		assertThat(KeyRange.key("/a")).isNotEqualTo(KeyRange.prefix("/a"));
	}

	@Test
	void rangeShouldNotShareItsArrays() {
		byte[] key = bytes("/a");
		KeyRange range = KeyRange.key(key);
		key[1] = 'b';
		range.key()[1] = 'c';
		assertThat(range).isEqualTo(KeyRange.key("/a"));
	}

	@Test
	void emptyKeysShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRange.key("")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRange.range("", "/b")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRange.range("/a", ""))
			.withMessageContaining("End of the key range");
	}

	@Test
	void permissionShouldDescribeItsTypeAndKeys() {
		assertThat(Permission.readWrite(KeyRange.prefix("/app/"))).hasToString("READWRITE prefix /app/");
		assertThat(Permission.read(KeyRange.key("/a")))
			.isEqualTo(new Permission(PermissionType.READ, KeyRange.key("/a")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
