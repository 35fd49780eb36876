package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.watch.WatchRequest;
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
		assertThat(json(KvRequests.range(RangeQuery.key(bytes("/a"))))).isEqualTo("{\"key\":\"L2E=\"}");
		JsonNode range = tree(KvRequests.range(RangeQuery.prefix(bytes("/p/")).limit(5).revision(7).serializable()));
		assertThat(range.get("key").asString()).isEqualTo("L3Av");
		assertThat(range.get("range_end").asString()).isEqualTo(base64(bytes("/p0")));
		assertThat(range.get("limit").asLong()).isEqualTo(5);
		assertThat(range.get("revision").asLong()).isEqualTo(7);
		assertThat(range.get("serializable").asBoolean()).isTrue();
		assertThat(range.has("keys_only")).isFalse();
	}

	@Test
	void putAndDeleteShouldSendTheirOptions() {
		assertThat(json(KvRequests.put(PutRequest.of(bytes("/a"), bytes("hi")))))
			.isEqualTo("{\"key\":\"L2E=\",\"value\":\"aGk=\"}");
		assertThat(json(KvRequests.put(PutRequest.of(bytes("/a"), new byte[0]).lease(42).prevKv())))
			.isEqualTo("{\"key\":\"L2E=\",\"value\":\"\",\"lease\":42,\"prev_kv\":true}");
		assertThat(json(KvRequests.delete(DeleteRequest.key(bytes("/a")).prevKv())))
			.isEqualTo("{\"key\":\"L2E=\",\"prev_kv\":true}");
	}

	@Test
	void optionsAddedToACopyShouldNotChangeWhatTheOriginalSends() {
		PutRequest put = PutRequest.of(bytes("/a"), bytes("hi"));
		RangeQuery get = RangeQuery.key(bytes("/a"));
		Txn txn = Txn.create();
		put.lease(42).prevKv();
		get.limit(1).keysOnly();
		txn.then(TxnOp.put(put));

		assertThat(json(KvRequests.put(put))).isEqualTo("{\"key\":\"L2E=\",\"value\":\"aGk=\"}");
		assertThat(json(KvRequests.range(get))).isEqualTo("{\"key\":\"L2E=\"}");
		assertThat(json(KvRequests.txn(txn))).isEqualTo("{\"compare\":[],\"success\":[],\"failure\":[]}");
	}

	@Test
	void transactionShouldSendComparesAndBothBranches() {
		Txn txn = Txn.when(Compare.value(bytes("/a")).equalTo(bytes("x")), Compare.version(bytes("/b")).greaterThan(0L))
			.then(TxnOp.put(PutRequest.of(bytes("/a"), bytes("y"))), TxnOp.get(RangeQuery.key(bytes("/b"))))
			.otherwise(TxnOp.delete(DeleteRequest.key(bytes("/c"))));
		assertThat(json(KvRequests.txn(txn))).isEqualTo(
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
			assertThat(tree(KvRequests.put(PutRequest.of(bytes("/k"), value))).get("value").asString())
				.isEqualTo(base64(value));
		}
	}

	@Test
	void everyRangeOptionShouldBeWrittenAsBeforeTheCodecMoved() {
		RangeQuery query = RangeQuery.prefix("/p/")
			.limit(5)
			.revision(7)
			.sort(SortTarget.MOD, SortOrder.DESCEND)
			.serializable()
			.keysOnly()
			.countOnly();
		assertThat(json(KvRequests.range(query))).isEqualTo("{\"key\":\"L3Av\",\"range_end\":\"L3Aw\",\"limit\":5,"
				+ "\"revision\":7,\"sort_order\":\"DESCEND\",\"sort_target\":\"MOD\",\"serializable\":true,"
				+ "\"keys_only\":true,\"count_only\":true}");
		assertThat(json(KvRequests.delete(DeleteRequest.prefix("/p/").prevKv())))
			.isEqualTo("{\"key\":\"L3Av\",\"range_end\":\"L3Aw\",\"prev_kv\":true}");
	}

	@Test
	void everyCompareTargetAndOperationShouldBeWrittenAsBeforeTheCodecMoved() {
		byte[] key = bytes("/a");
		Txn txn = Txn
			.when(Compare.modRevision(key).lessThan(3L), Compare.createRevision(key).notEqualTo(4L),
					Compare.lease(key).equalTo(9L), Compare.value(key).notEqualTo(bytes("x")))
			.then(TxnOp.put(PutRequest.of(key, key).lease(3).prevKv()))
			.otherwise(TxnOp.get(RangeQuery.key(key).limit(1)),
					TxnOp.delete(DeleteRequest.range(key, bytes("/b")).prevKv()));
		assertThat(json(KvRequests.txn(txn))).isEqualTo("{\"compare\":["
				+ "{\"result\":\"LESS\",\"target\":\"MOD\",\"key\":\"L2E=\",\"mod_revision\":3},"
				+ "{\"result\":\"NOT_EQUAL\",\"target\":\"CREATE\",\"key\":\"L2E=\",\"create_revision\":4},"
				+ "{\"result\":\"EQUAL\",\"target\":\"LEASE\",\"key\":\"L2E=\",\"lease\":9},"
				+ "{\"result\":\"NOT_EQUAL\",\"target\":\"VALUE\",\"key\":\"L2E=\",\"value\":\"eA==\"}],"
				+ "\"success\":[{\"request_put\":{\"key\":\"L2E=\",\"value\":\"L2E=\",\"lease\":3,\"prev_kv\":true}}],"
				+ "\"failure\":[{\"request_range\":{\"key\":\"L2E=\",\"limit\":1}},"
				+ "{\"request_delete_range\":{\"key\":\"L2E=\",\"range_end\":\"L2I=\",\"prev_kv\":true}}]}");
		assertThat(json(KvRequests.txn(Txn.create()))).isEqualTo("{\"compare\":[],\"success\":[],\"failure\":[]}");
	}

	/**
	 * Jackson wrote these from records until the codec got a writer for them: the same
	 * bytes, down to {@code "prev_kv":false} and the field order, which etcd 3.4's
	 * gateway sees on every watch stream. Progress notifications and fragments, asked for
	 * by default, come before the watch id, and only when asked for.
	 */
	@Test
	void watchCreateShouldBeWrittenAsJacksonWroteIt() {
		assertThat(json(GatewayRequests.watchCreate(plain(WatchRequest.key(bytes("/a"))), 3, 0))).isEqualTo(
				"{\"create_request\":{\"key\":\"L2E=\",\"start_revision\":0,\"prev_kv\":false," + "\"watch_id\":3}}");
		assertThat(
				json(GatewayRequests.watchCreate(plain(WatchRequest.prefix("/p/").prevKv().noPut().noDelete()), 7, 42)))
			.isEqualTo("{\"create_request\":{\"key\":\"L3Av\",\"range_end\":\"L3Aw\",\"start_revision\":42,"
					+ "\"prev_kv\":true,\"filters\":[\"NOPUT\",\"NODELETE\"],\"watch_id\":7}}");
		assertThat(json(GatewayRequests.watchCreate(plain(WatchRequest.prefix("/p/").noDelete()), 0, 5)))
			.isEqualTo("{\"create_request\":{\"key\":\"L3Av\",\"range_end\":\"L3Aw\",\"start_revision\":5,"
					+ "\"prev_kv\":false,\"filters\":[\"NODELETE\"],\"watch_id\":0}}");
		assertThat(json(GatewayRequests.watchCreate(plain(WatchRequest.prefix("")), 1, 0)))
			.isEqualTo("{\"create_request\":{\"key\":\"AA==\",\"range_end\":\"AA==\",\"start_revision\":0,"
					+ "\"prev_kv\":false,\"watch_id\":1}}");
	}

	@Test
	void watchCreateShouldAskForProgressNotificationsAndFragmentsByDefault() {
		assertThat(json(GatewayRequests.watchCreate(WatchRequest.key(bytes("/a")), 3, 0)))
			.isEqualTo("{\"create_request\":{\"key\":\"L2E=\",\"start_revision\":0,\"prev_kv\":false,"
					+ "\"progress_notify\":true,\"fragment\":true,\"watch_id\":3}}");
		assertThat(json(GatewayRequests.watchCreate(WatchRequest.key(bytes("/a")).fragment(false), 3, 0)))
			.isEqualTo("{\"create_request\":{\"key\":\"L2E=\",\"start_revision\":0,\"prev_kv\":false,"
					+ "\"progress_notify\":true,\"watch_id\":3}}");
		assertThat(json(GatewayRequests.watchCreate(WatchRequest.key(bytes("/a")).progressNotify(false), 3, 0)))
			.isEqualTo("{\"create_request\":{\"key\":\"L2E=\",\"start_revision\":0,\"prev_kv\":false,"
					+ "\"fragment\":true,\"watch_id\":3}}");
	}

	private static WatchRequest plain(WatchRequest request) {
		return request.progressNotify(false).fragment(false);
	}

	/**
	 * Jackson wrote these from maps, in no fixed order: the same fields and values, now
	 * in one order.
	 */
	@Test
	void leaseClusterAuthAndCompactionRequestsShouldSendTheFieldsJacksonSent() {
		assertThat(json(GatewayRequests.leaseGrant(5))).isEqualTo("{\"TTL\":5}");
		assertThat(json(GatewayRequests.lease(7))).isEqualTo("{\"ID\":7}");
		assertThat(json(GatewayRequests.leaseTimeToLive(7, false))).isEqualTo("{\"ID\":7,\"keys\":false}");
		assertThat(json(GatewayRequests.EMPTY)).isEqualTo("{}");
		assertThat(json(KvRequests.compaction(12, true))).isEqualTo("{\"revision\":12,\"physical\":true}");
		assertThat(json(GatewayRequests.authenticate("root", "pa\"ss")))
			.isEqualTo("{\"name\":\"root\",\"password\":\"pa\\u0022ss\"}");
		assertThat(tree(GatewayRequests.authenticate("root", "pa\"ss")).get("password").asString()).isEqualTo("pa\"ss");
	}

	@Test
	void stringValuesShouldBeEscaped() {
		String awkward = "quote \" backslash \\ tab \t newline \n bell \u0007 and ünïcödé ✓";
		JsonNode node = tree((json) -> json.field("name", awkward));
		assertThat(node.get("name").asString()).isEqualTo(awkward);
	}

	@Test
	void membershipChangesShouldSendIdsUnsignedAsStrings() {
		long above2To63 = Long.parseUnsignedLong("18446744073709551615");
		assertThat(json(GatewayRequests.member(above2To63))).isEqualTo("{\"ID\":\"18446744073709551615\"}");
		assertThat(json(GatewayRequests.memberUpdate(Long.parseUnsignedLong("10276657743932975437"),
				List.of("http://10.0.0.4:2380", "http://10.0.0.5:2380"))))
			.isEqualTo("{\"ID\":\"10276657743932975437\","
					+ "\"peerURLs\":[\"http://10.0.0.4:2380\",\"http://10.0.0.5:2380\"]}");
		assertThat(json(GatewayRequests.memberAdd(List.of("http://10.0.0.4:2380"), true)))
			.isEqualTo("{\"peerURLs\":[\"http://10.0.0.4:2380\"],\"isLearner\":true}");
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
