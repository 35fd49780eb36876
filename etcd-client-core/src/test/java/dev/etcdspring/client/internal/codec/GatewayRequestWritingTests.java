package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON our hand-written request writers send: the gateway's field names, base64
 * bytes, and only the fields that differ from proto3's defaults. The kv tests against
 * etcd show the gateway accepts it; these pin the shape.
 */
class GatewayRequestWritingTests {

	@Test
	void getShouldSendOnlyTheFieldsItSets() {
		assertThat(json(RangeQuery.key(bytes("/a"))::writeFields)).isEqualTo("{\"key\":\"L2E=\"}");
		JsonNode range = tree(RangeQuery.prefix(bytes("/p/")).limit(5).revision(7).serializable()::writeFields);
		assertThat(range.get("key").asString()).isEqualTo("L3Av");
		assertThat(range.get("range_end").asString()).isEqualTo(base64(bytes("/p0")));
		assertThat(range.get("limit").asLong()).isEqualTo(5);
		assertThat(range.get("revision").asLong()).isEqualTo(7);
		assertThat(range.get("serializable").asBoolean()).isTrue();
		assertThat(range.has("keys_only")).isFalse();
	}

	@Test
	void putAndDeleteShouldSendTheirOptions() {
		assertThat(json(PutRequest.of(bytes("/a"), bytes("hi"))::writeFields))
			.isEqualTo("{\"key\":\"L2E=\",\"value\":\"aGk=\"}");
		assertThat(json(PutRequest.of(bytes("/a"), new byte[0]).lease(42).prevKv()::writeFields))
			.isEqualTo("{\"key\":\"L2E=\",\"value\":\"\",\"lease\":42,\"prev_kv\":true}");
		assertThat(json(DeleteRequest.key(bytes("/a")).prevKv()::writeFields))
			.isEqualTo("{\"key\":\"L2E=\",\"prev_kv\":true}");
	}

	@Test
	void transactionShouldSendComparesAndBothBranches() {
		Txn txn = Txn.when(Compare.value(bytes("/a")).equalTo(bytes("x")), Compare.version(bytes("/b")).greaterThan(0L))
			.then(TxnOp.put(PutRequest.of(bytes("/a"), bytes("y"))), TxnOp.get(RangeQuery.key(bytes("/b"))))
			.otherwise(TxnOp.delete(DeleteRequest.key(bytes("/c"))));
		assertThat(json(txn::writeFields)).isEqualTo(
				"{\"compare\":[" + "{\"result\":\"EQUAL\",\"target\":\"VALUE\",\"key\":\"L2E=\",\"value\":\"eA==\"},"
						+ "{\"result\":\"GREATER\",\"target\":\"VERSION\",\"key\":\"L2I=\",\"version\":0}],"
						+ "\"success\":[{\"request_put\":{\"key\":\"L2E=\",\"value\":\"eQ==\"}},"
						+ "{\"request_range\":{\"key\":\"L2I=\"}}],"
						+ "\"failure\":[{\"request_delete_range\":{\"key\":\"L2M=\"}}]}");
	}

	@Test
	void bytesOfEveryLengthShouldBeStandardBase64() {
		Random random = new Random(7);
		for (int length = 0; length < 64; length++) {
			byte[] value = new byte[length];
			random.nextBytes(value);
			assertThat(tree(PutRequest.of(bytes("/k"), value)::writeFields).get("value").asString())
				.isEqualTo(base64(value));
		}
	}

	@Test
	void stringValuesShouldBeEscaped() {
		String awkward = "quote \" backslash \\ tab \t newline \n bell \u0007 and ünïcödé ✓";
		JsonNode node = tree((json) -> json.field("name", awkward));
		assertThat(node.get("name").asString()).isEqualTo(awkward);
	}

	private static String json(GatewayRequest request) {
		return new String(GatewayJson.write(request), StandardCharsets.UTF_8);
	}

	private static JsonNode tree(GatewayRequest request) {
		return GatewayJson.mapper().readTree(GatewayJson.write(request));
	}

	private static String base64(byte[] value) {
		return Base64.getEncoder().encodeToString(value);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
