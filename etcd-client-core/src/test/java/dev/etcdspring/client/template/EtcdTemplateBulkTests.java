package dev.etcdspring.client.template;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.exception.EtcdBulkException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.template.EtcdTemplateKvTests.Flag;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EtcdTemplate#bulk()} and {@link EtcdTemplate#putAll(Map)} on a real etcd: keys
 * and values are treated exactly as {@link EtcdTemplate#put} treats them.
 */
class EtcdTemplateBulkTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	EtcdTemplate template;

	String root;

	@BeforeEach
	void createTemplate() {
		this.template = new EtcdTemplate(client);
		this.root = "/bulk-" + UUID.randomUUID() + "/";
	}

	@Test
	void putAllShouldPutEveryEntry() {
		Map<String, String> entries = new LinkedHashMap<>();
		IntStream.range(0, 300).forEach((i) -> entries.put(this.root + "%03d".formatted(i), "value " + i));

		EtcdBulkResult result = this.template.putAll(entries);

		assertThat(result.ops()).isEqualTo(300);
		assertThat(result.transactions()).isEqualTo(3);
		assertThat(this.template.list(this.root).asMap(String.class)).isEqualTo(entries);
		assertThat(this.template.getEntry(this.root + "299", String.class).orElseThrow().modRevision())
			.isLessThanOrEqualTo(result.revision());
	}

	@Test
	void bulkShouldUseTheNamespaceAndSerializerLikePut() {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "app/");
		app.put("/old", "to be deleted");
		Flag flag = new Flag("dark-mode", true, 42);

		EtcdBulkResult result = app.bulk()
			.put("/flag", flag)
			.put("/text", "plain")
			.put("/bin".getBytes(StandardCharsets.UTF_8), new byte[] { 0, (byte) 0xFF })
			.delete("/old")
			.execute();

		assertThat(result.ops()).isEqualTo(4);
		assertThat(app.get("/flag", Flag.class)).contains(flag);
		assertThat(app.list("").keys()).containsExactly("/bin", "/flag", "/text");
		KeyValue stored = client.kv().get((this.root + "app/flag").getBytes(StandardCharsets.UTF_8)).orElseThrow();
		assertThat(stored.value()).isEqualTo(app.getSerializer().serialize(flag));
		assertThat(this.template.get(this.root + "app/text")).contains("plain");
		assertThat(this.template.get((this.root + "app/bin").getBytes(StandardCharsets.UTF_8)))
			.hasValueSatisfying((value) -> assertThat(value).containsExactly(0, 0xFF));
	}

	@Test
	void failureShouldListTheKeysNotPutWithoutTheNamespace() {
		EtcdTemplate app = new EtcdTemplate(client, EtcdSerializer.standard(), this.root + "app/");
		EtcdBulkSpec bulk = app.bulk().opsPerTxn(10).parallelism(1);
		for (int i = 0; i < 30; i++) {
			bulk.put("/k%02d".formatted(i), (i == 15) ? new byte[2 * 1024 * 1024] : "v");
		}

		EtcdBulkException failure = null;
		try {
			bulk.execute();
		}
		catch (EtcdBulkException ex) {
			failure = ex;
		}

		assertThat(failure).isNotNull();
		assertThat(failure.getAppliedOps()).isEqualTo(15);
		List<String> expected = IntStream.range(15, 30).mapToObj("/k%02d"::formatted).toList();
		assertThat(failure.getUnappliedKeysAsStrings()).isEqualTo(expected);
		assertThat(app.list("").keys()).hasSize(15).doesNotContainAnyElementsOf(expected);
	}

	@Test
	void duplicateKeyShouldBeRejectedWhenAdded() {
		EtcdBulkSpec bulk = this.template.bulk().put(this.root + "a", "1").put(this.root + "b", "2");

		assertThatIllegalArgumentException().isThrownBy(() -> bulk.delete(this.root + "a"))
			.withMessageContaining("'" + this.root + "a' is already in this bulk");
		assertThat(bulk.execute().ops()).isEqualTo(2);
		assertThat(this.template.get(this.root + "a")).contains("1");
	}

	@Test
	void badEntriesShouldBeRejectedBeforeAnythingIsSent() {
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put(this.root + "fine", "1");
		entries.put(this.root + "null", null);

		assertThatIllegalArgumentException().isThrownBy(() -> this.template.putAll(entries))
			.withMessageContaining("Value must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.bulk().put("", "v"))
			.withMessageContaining("key must not be null or empty");
		assertThat(this.template.list(this.root).count()).isZero();
	}

}
