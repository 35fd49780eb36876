package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link EtcdTemplate} writes, {@code etcdctl} reads identically, and the other way
 * round.
 */
class EtcdctlInteropTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	static EtcdTemplate template;

	@BeforeAll
	static void createClient() {
		template = new EtcdTemplate(client);
	}

	@Test
	void valueWrittenByTemplateShouldReadIdenticallyWithEtcdctl() {
		String key = "/interop/" + UUID.randomUUID() + "/ünï 🚀";
		String value = "héllo, wörld ✓";
		template.put(key, value);
		EtcdctlResult result = etcd.etcdctl("get", key, "--print-value-only");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo(value + "\n");
	}

	@Test
	void binaryValueWrittenByTemplateShouldReadIdenticallyWithEtcdctl() {
		String key = "/interop/" + UUID.randomUUID();
		byte[] value = { 0x00, (byte) 0xFF, (byte) 0xC3, 0x28, 0x0A };
		template.put(key.getBytes(StandardCharsets.UTF_8), value);
		EtcdctlResult result = etcd.etcdctl("get", key, "-w", "json");
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("\"value\":\"" + Base64.getEncoder().encodeToString(value) + "\"");
	}

	@Test
	void valueWrittenByEtcdctlShouldReadIdenticallyWithTemplate() {
		String key = "/interop/" + UUID.randomUUID() + "/from etcdctl";
		EtcdctlResult put = etcd.etcdctl("put", key, "written by etcdctl ✓");
		assertThat(put.exitCode()).isZero();
		assertThat(template.get(key)).contains("written by etcdctl ✓");
	}

	@Test
	void binaryValueWrittenByEtcdctlShouldReadByteExactWithTemplate() {
		String key = "/interop/" + UUID.randomUUID() + "/binary";
		byte[] value = { 0x01, (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0x80 };
		// etcdctl reads the value from stdin when it is not on the command line
		EtcdctlResult put = etcd.server().etcdctl(value, "put", key);
		assertThat(put.exitCode()).isZero();
		assertThat(template.get(key.getBytes(StandardCharsets.UTF_8)))
			.hasValueSatisfying((read) -> assertThat(read).containsExactly(value));
	}

	@Test
	void prefixWrittenByEtcdctlShouldListWithTemplate() {
		String root = "/interop/" + UUID.randomUUID() + "/dir/";
		etcd.etcdctl("put", root + "a", "1");
		etcd.etcdctl("put", root + "b", "2");
		assertThat(template.list(root).asMap(String.class)).containsOnlyKeys(root + "a", root + "b");
		template.deletePrefix(root);
		assertThat(etcd.etcdctl("get", root, "--prefix", "--keys-only").stdout()).isBlank();
	}

}
