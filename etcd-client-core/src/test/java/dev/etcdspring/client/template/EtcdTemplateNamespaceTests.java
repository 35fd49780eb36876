package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a namespace joins keys, seen from {@code etcdctl} on the other side: exactly one
 * {@code /} between namespace and key, whichever side carries it; and binary keys that
 * come back byte for byte.
 */
class EtcdTemplateNamespaceTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	String root;

	@BeforeEach
	void newRoot() {
		this.root = "/ns-" + UUID.randomUUID();
	}

	@ParameterizedTest(name = "namespace ''{0}'' + key ''{1}''")
	@CsvSource({ "/myapp/, /config/a", "/myapp/, config/a", "/myapp, /config/a", "/myapp, config/a",
			"/myapp//, /config/a" })
	void keyShouldBeJoinedToTheNamespaceWithExactlyOneSlash(String namespace, String key) {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + namespace);
		app.put(key, "1");
		assertThat(etcdctlKeys(this.root)).containsExactly(this.root + "/myapp/config/a");
		assertThat(app.get("/config/a")).contains("1");
		assertThat(app.get("config/a")).contains("1");
		assertThat(app.list("/config/").keys()).containsExactly("/config/a");
		assertThat(app.list("config/").keys()).containsExactly("/config/a");
		assertThat(app.getNamespace()).isEqualTo(this.root + "/myapp/");
	}

	@Test
	void keysPutWithEtcdctlShouldBeSeenInTheNamespace() {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "/myapp/");
		long start = app.put("/marker", "0") + 1;
		assertThat(etcd.etcdctl("put", this.root + "/myapp/load/x1", "42").isSuccess()).isTrue();
		assertThat(app.list("/load/").asMap(String.class)).containsExactly(java.util.Map.entry("/load/x1", "42"));
		Optional<WatchEvent> event = app.watch("/load/").prefix().fromRevision(start).next(Duration.ofSeconds(10));
		assertThat(event).hasValueSatisfying((e) -> {
			assertThat(e.kv().keyAsString()).isEqualTo("/load/x1");
			assertThat(e.kv().valueAsString()).isEqualTo("42");
		});
	}

	@Test
	void namespaceWithoutTrailingSlashShouldNotReachSiblingPaths() {
		assertThat(etcd.etcdctl("put", this.root + "/myapp2/config/a", "other").isSuccess()).isTrue();
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "/myapp");
		app.put("/config/a", "mine");
		assertThat(app.list("").asMap(String.class)).containsExactly(java.util.Map.entry("/config/a", "mine"));
		assertThat(app.deletePrefix("")).isEqualTo(1);
		assertThat(etcdctlKeys(this.root)).containsExactly(this.root + "/myapp2/config/a");
	}

	@Test
	void binaryKeysShouldComeBackByteForByte() {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "/bin/");
		byte[] key = { '/', 'k', (byte) 0xFF, (byte) 0xC3, 0, (byte) 0x80 };
		long revision = app.put(key, new byte[] { 1, 2 });
		assertThat(app.list("/").keyBytes()).containsExactly(key);
		List<EtcdEntry<byte[]>> entries = app.list("/").entries(byte[].class);
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.keyBytes()).isEqualTo(key);
			assertThat(entry.value()).containsExactly(1, 2);
			assertThat(entry.toString()).contains("0x2f6bffc30080");
		});
		// the String form is lossy: that is why the bytes are there
		assertThat(app.list("/").keys().get(0).getBytes(StandardCharsets.UTF_8)).isNotEqualTo(key);
		Optional<WatchEvent> event = app.watch("/").prefix().fromRevision(revision).next(Duration.ofSeconds(10));
		assertThat(event).hasValueSatisfying((e) -> assertThat(e.kv().key()).isEqualTo(key));
	}

	private List<String> etcdctlKeys(String prefix) {
		return etcd.etcdctl("get", "--prefix", "--keys-only", prefix)
			.stdout()
			.lines()
			.filter((line) -> !line.isBlank())
			.toList();
	}

}
