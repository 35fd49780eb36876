package dev.etcdspring.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every cetcd operation's v3 counterpart (DESIGN.md's table) through
 * {@link EtcdTemplate}, on a real etcd.
 */
class EtcdTemplateKvTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	EtcdTemplate template;

	String root;

	@BeforeEach
	void createTemplate() {
		this.template = new EtcdTemplate(client);
		this.root = "/kv-" + UUID.randomUUID() + "/";
	}

	@Test
	void putThenGetShouldReturnTheValue() {
		long revision = this.template.put(this.root + "a", "1");
		assertThat(this.template.get(this.root + "a")).contains("1");
		assertThat(this.template.getEntry(this.root + "a", String.class)).hasValueSatisfying((entry) -> {
			assertThat(entry.key()).isEqualTo(this.root + "a");
			assertThat(entry.modRevision()).isEqualTo(revision);
			assertThat(entry.version()).isEqualTo(1);
		});
	}

	@Test
	void getWhenKeyIsMissingShouldBeEmpty() {
		assertThat(this.template.get(this.root + "missing")).isEmpty();
		assertThat(this.template.get(this.root + "missing", Flag.class)).isEmpty();
		assertThat(this.template.getEntry(this.root + "missing", String.class)).isEmpty();
	}

	@Test
	void putWithTtlShouldExpire() {
		this.template.put(this.root + "ttl", "short-lived", Duration.ofSeconds(1));
		assertThat(this.template.get(this.root + "ttl")).contains("short-lived");
		assertThat(this.template.getEntry(this.root + "ttl", String.class).orElseThrow().lease()).isNotZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.template.get(this.root + "ttl").isEmpty());
	}

	@Test
	void typedValuesShouldRoundTripAsJson() {
		this.template.put(this.root + "flag", new Flag("dark-mode", true, 42));
		assertThat(this.template.get(this.root + "flag", Flag.class)).contains(new Flag("dark-mode", true, 42));
		// stored as readable JSON, not Java serialization
		assertThat(this.template.get(this.root + "flag")).hasValueSatisfying(
				(json) -> assertThat(json).contains("\"name\":\"dark-mode\"").contains("\"percent\":42"));
	}

	@Test
	void bytesShouldRoundTripUnchanged() {
		byte[] value = { 0, 1, (byte) 0xFF, (byte) 0xC3, 0x28 };
		this.template.put(this.root + "bytes", value);
		assertThat(this.template.get(this.root + "bytes", byte[].class))
			.hasValueSatisfying((read) -> assertThat(read).containsExactly(value));
	}

	@Test
	void emptyValueShouldBeStoredAndReadAsEmpty() {
		this.template.put(this.root + "empty", "");
		assertThat(this.template.get(this.root + "empty")).contains("");
	}

	@Test
	void getAndPutShouldReturnThePreviousValue() {
		assertThat(this.template.getAndPut(this.root + "k", "1", String.class)).isEmpty();
		assertThat(this.template.getAndPut(this.root + "k", "2", String.class)).contains("1");
		assertThat(this.template.get(this.root + "k")).contains("2");
	}

	@Test
	void putIfAbsentShouldOnlyCreate() {
		assertThat(this.template.putIfAbsent(this.root + "once", "first")).isTrue();
		assertThat(this.template.putIfAbsent(this.root + "once", "second")).isFalse();
		assertThat(this.template.get(this.root + "once")).contains("first");
	}

	@Test
	void deleteShouldRemoveTheKeyAndSayWhetherItExisted() {
		this.template.put(this.root + "d", "x");
		assertThat(this.template.delete(this.root + "d")).isTrue();
		assertThat(this.template.get(this.root + "d")).isEmpty();
		assertThat(this.template.delete(this.root + "d")).isFalse();
	}

	@Test
	void getAndDeleteShouldReturnTheDeletedValue() {
		this.template.put(this.root + "d", "gone");
		assertThat(this.template.getAndDelete(this.root + "d", String.class)).contains("gone");
		assertThat(this.template.getAndDelete(this.root + "d", String.class)).isEmpty();
	}

	@Test
	void deletePrefixShouldRemoveOnlyKeysUnderThePrefix() {
		this.template.put(this.root + "dir/a", "1");
		this.template.put(this.root + "dir/b", "2");
		this.template.put(this.root + "dirx", "outside");
		assertThat(this.template.getAndDeletePrefix(this.root + "dir/", String.class))
			.extracting(EtcdEntry::key, EtcdEntry::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(this.root + "dir/a", "1"),
					org.assertj.core.groups.Tuple.tuple(this.root + "dir/b", "2"));
		assertThat(this.template.list(this.root).keys()).containsExactly(this.root + "dirx");
		this.template.put(this.root + "dir/c", "3");
		assertThat(this.template.deletePrefix(this.root + "dir/")).isEqualTo(1);
	}

	@Test
	void listShouldReturnKeysUnderThePrefixInKeyOrder() {
		this.template.put(this.root + "foo/baz", "2");
		this.template.put(this.root + "foo/bar", "1");
		this.template.put(this.root + "foo/qux/deep", "3");
		this.template.put(this.root + "foobar", "not under foo/");
		assertThat(this.template.list(this.root + "foo/").asMap(String.class)).containsExactly(
				Map.entry(this.root + "foo/bar", "1"), Map.entry(this.root + "foo/baz", "2"),
				Map.entry(this.root + "foo/qux/deep", "3"));
		assertThat(this.template.list(this.root + "foo/").count()).isEqualTo(3);
		assertThat(this.template.list(this.root + "nothing/").keys()).isEmpty();
	}

	@Test
	void listShouldApplyLimitSortAndKeysOnly() {
		for (int i = 0; i < 5; i++) {
			this.template.put(this.root + "k" + i, "v" + i);
		}
		assertThat(this.template.list(this.root).limit(2).keys()).containsExactly(this.root + "k0", this.root + "k1");
		assertThat(this.template.list(this.root).sortBy(SortTarget.KEY, SortOrder.DESCEND).limit(2).keys())
			.containsExactly(this.root + "k4", this.root + "k3");
		assertThat(this.template.list(this.root).sortBy(SortTarget.MOD, SortOrder.DESCEND).keys())
			.containsExactly(this.root + "k4", this.root + "k3", this.root + "k2", this.root + "k1", this.root + "k0");
		assertThat(this.template.list(this.root).limit(3).count()).isEqualTo(3);
		assertThat(this.template.list(this.root).serializable().keys()).hasSize(5);
	}

	@Test
	void listAtRevisionShouldSeeThePast() {
		long before = this.template.put(this.root + "a", "old");
		this.template.put(this.root + "a", "new");
		this.template.put(this.root + "b", "later");
		assertThat(this.template.list(this.root).atRevision(before).asMap(String.class))
			.containsExactly(Map.entry(this.root + "a", "old"));
	}

	@Test
	void listShouldPageThroughLargePrefixesAtOneRevision() {
		int count = 2_345;
		List<String> expected = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			String key = this.root + "page/" + String.format("%05d", i);
			this.template.put(key, "v" + i);
			expected.add(key);
		}
		// a writer adding keys behind the reader must not leak into the snapshot
		List<String> seen = new java.util.ArrayList<>();
		this.template.list(this.root + "page/").pageSize(500).stream(String.class).forEach((entry) -> {
			if (seen.size() == 600) {
				this.template.put(this.root + "page/99999", "late");
			}
			seen.add(entry.key());
		});
		assertThat(seen).isEqualTo(expected);
		assertThat(this.template.list(this.root + "page/").pageSize(100).keys()).hasSize(count + 1);
		assertThat(this.template.list(this.root + "page/").pageSize(100).limit(250).keys())
			.isEqualTo(expected.subList(0, 250));
	}

	@Test
	void compareAndSwapOnValueShouldSwapOnlyWhenEqual() {
		this.template.put(this.root + "a", "1");
		assertThat(this.template.compareAndSwap(this.root + "a", "1", "2")).isTrue();
		assertThat(this.template.compareAndSwap(this.root + "a", "1", "3")).isFalse();
		assertThat(this.template.get(this.root + "a")).contains("2");
		assertThat(this.template.compareAndSwap(this.root + "missing", "1", "3")).isFalse();
		assertThat(this.template.get(this.root + "missing")).isEmpty();
	}

	@Test
	void compareAndSwapOnVersionShouldSwapOnlyAtThatVersion() {
		assertThat(this.template.compareAndSwapVersion(this.root + "v", 0, "created")).isTrue();
		assertThat(this.template.compareAndSwapVersion(this.root + "v", 0, "again")).isFalse();
		assertThat(this.template.compareAndSwapVersion(this.root + "v", 1, "second")).isTrue();
		assertThat(this.template.getEntry(this.root + "v", String.class).orElseThrow().version()).isEqualTo(2);
	}

	@Test
	void compareAndSwapOnModRevisionShouldDetectConcurrentChanges() {
		long revision = this.template.put(this.root + "m", "1");
		this.template.put(this.root + "m", "changed by someone else");
		assertThat(this.template.compareAndSwapModRevision(this.root + "m", revision, "mine")).isFalse();
		long current = this.template.getEntry(this.root + "m", String.class).orElseThrow().modRevision();
		assertThat(this.template.compareAndSwapModRevision(this.root + "m", current, "mine")).isTrue();
		assertThat(this.template.get(this.root + "m")).contains("mine");
	}

	@Test
	void compareAndDeleteShouldDeleteOnlyWhenEqual() {
		this.template.put(this.root + "cad", "2");
		assertThat(this.template.compareAndDelete(this.root + "cad", "1")).isFalse();
		assertThat(this.template.get(this.root + "cad")).contains("2");
		assertThat(this.template.compareAndDelete(this.root + "cad", "2")).isTrue();
		assertThat(this.template.get(this.root + "cad")).isEmpty();
		this.template.put(this.root + "cad", "3");
		assertThat(this.template.compareAndDeleteVersion(this.root + "cad", 7)).isFalse();
		assertThat(this.template.compareAndDeleteVersion(this.root + "cad", 1)).isTrue();
	}

	@Test
	void txnShouldRunThenOrOtherwiseAtomically() {
		this.template.put(this.root + "from", "100");
		EtcdTxnResult moved = this.template.txn()
			.ifValue(this.root + "from", "100")
			.ifAbsent(this.root + "to")
			.thenDelete(this.root + "from")
			.thenPut(this.root + "to", "100")
			.thenGet(this.root + "to")
			.otherwiseGet(this.root + "from")
			.commit();
		assertThat(moved.succeeded()).isTrue();
		assertThat(moved.value(2, String.class)).contains("100");
		assertThat(this.template.get(this.root + "from")).isEmpty();

		EtcdTxnResult again = this.template.txn()
			.ifPresent(this.root + "from")
			.thenPut(this.root + "to", "never")
			.otherwiseGet(this.root + "to")
			.commit();
		assertThat(again.succeeded()).isFalse();
		assertThat(again.value(0, String.class)).contains("100");
		assertThat(again.revision()).isEqualTo(moved.revision());
	}

	@Test
	void namespaceShouldPrefixEveryKeyAndHideIt() {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "app/");
		app.put("/config/a", "1");
		app.put("/config/b", "2");
		assertThat(this.template.get(this.root + "app/config/a")).contains("1");
		assertThat(app.get("/config/a")).contains("1");
		assertThat(app.list("/config/").keys()).containsExactly("/config/a", "/config/b");
		assertThat(app.list("").keys()).containsExactly("/config/a", "/config/b");
		assertThat(app.compareAndSwap("/config/a", "1", "3")).isTrue();
		assertThat(app.txn().ifValue("/config/a", "3").thenGet("/config/b").commit().value(0, String.class))
			.contains("2");
		assertThat(app.deletePrefix("/config/")).isEqualTo(2);
		assertThat(this.template.list(this.root).keys()).isEmpty();
	}

	@Test
	void executeShouldGiveTheClient() {
		this.template.put(this.root + "x", "1");
		long members = this.template.execute((etcdClient) -> (long) etcdClient.cluster().members().size());
		assertThat(members).isEqualTo(1);
		String keys = this.template.execute((etcdClient) -> etcdClient.kv()
			.range(dev.etcdspring.client.kv.RangeQuery.prefix(this.root).keysOnly())
			.kvs()
			.stream()
			.map(dev.etcdspring.client.kv.KeyValue::keyAsString)
			.collect(Collectors.joining(",")));
		assertThat(keys).isEqualTo(this.root + "x");
	}

	record Flag(String name, boolean enabled, int percent) {
	}

}
