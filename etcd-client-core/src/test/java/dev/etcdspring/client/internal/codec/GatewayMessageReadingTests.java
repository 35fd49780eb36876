package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.kv.Txn;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-written readers of the messages every answer carries, on the shapes the
 * gateway sends: int64 as strings, omitted zero values, uint64 IDs above
 * {@code Long.MAX_VALUE}, and fields a newer etcd may add.
 */
class GatewayMessageReadingTests {

	@Test
	void rangeAnswerShouldBeReadWithStringNumbersAndOmittedDefaults() {
		RangeResponse answer = read(
				"""
						{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437",
						"revision":"42","raft_term":"3"},
						"kvs":[{"key":"L2E=","create_revision":"5","mod_revision":"41","version":"2","value":"aGk="},
						{"key":"L2I=","create_revision":"7","mod_revision":"7","version":"1","lease":"7587862","value":"","x":[1,{"y":2}]}],
						"count":"2"}""",
				RangeResponse.class);
		assertThat(answer.header().revision()).isEqualTo(42);
		assertThat(answer.header().raftTerm()).isEqualTo(3);
		assertThat(Long.toUnsignedString(answer.header().clusterId())).isEqualTo("14841639068965178418");
		assertThat(Long.toUnsignedString(answer.header().memberId())).isEqualTo("10276657743932975437");
		assertThat(answer.kvs()).containsExactly(new KeyValue(bytes("/a"), bytes("hi"), 5, 41, 2, 0),
				new KeyValue(bytes("/b"), new byte[0], 7, 7, 1, 7587862));
	}

	@Test
	void putAnswerShouldBeReadWithAndWithoutThePreviousValue() {
		PutRequest.Response first = read("{\"header\":{\"revision\":\"5\"}}", PutRequest.Response.class);
		assertThat(first.header().revision()).isEqualTo(5);
		assertThat(first.prevKv()).isNull();
		PutRequest.Response second = read(
				"{\"header\":{\"revision\":\"6\"},\"prev_kv\":{\"key\":\"L2E=\","
						+ "\"create_revision\":\"5\",\"mod_revision\":\"5\",\"version\":\"1\",\"value\":\"aGk=\"}}",
				PutRequest.Response.class);
		assertThat(second.prevKv()).isEqualTo(new KeyValue(bytes("/a"), bytes("hi"), 5, 5, 1, 0));
		assertThat(read("{}", PutRequest.Response.class).header()).isEqualTo(new ResponseHeader(0, 0, 0, 0));
	}

	@Test
	void headerWithOnlyARevisionShouldLeaveTheRestZero() {
		// the answers of a transaction's operations carry such headers
		ResponseHeader header = read("{\"revision\":\"9\"}", ResponseHeader.class);
		assertThat(header).isEqualTo(new ResponseHeader(0, 0, 9, 0));
		assertThat(read("{\"kvs\":[{\"key\":\"L2E=\",\"value\":null}]}", RangeResponse.class).kvs().get(0).value())
			.isEmpty();
	}

	@Test
	void notANumberShouldFailWithTheCodecsExceptionForTheTransportToTranslate() {
		assertThatExceptionOfType(GatewayJsonException.class)
			.isThrownBy(() -> read("{\"revision\":\"soon\"}", ResponseHeader.class))
			.withMessageContaining("not an int64: 'soon'")
			.withCauseInstanceOf(JacksonException.class)
			.satisfies((ex) -> assertThat(ex.getOriginalMessage()).isEqualTo("not an int64: 'soon'"));
		assertThatExceptionOfType(GatewayJsonException.class).isThrownBy(() -> read("[1]", KeyValue.class))
			.withCauseInstanceOf(JacksonException.class);
	}

	@Test
	void transactionAnswerShouldBeReadWithTheResultOfEachOperation() {
		Txn.Response answer = read(
				"""
						{"header":{"revision":"12"},"succeeded":true,"responses":[
						{"response_put":{"header":{"revision":"12"}}},
						{"response_range":{"header":{"revision":"12"},"kvs":[{"key":"L2E=","value":"aGk=","mod_revision":"12"}],"count":"1"}},
						{"response_delete_range":{"header":{"revision":"12"},"deleted":"1",
						"prev_kvs":[{"key":"L2I=","value":"eA==","mod_revision":"3"}]}}]}""",
				Txn.Response.class);
		assertThat(answer.succeeded()).isTrue();
		assertThat(answer.header().revision()).isEqualTo(12);
		assertThat(answer.results()).hasSize(3);
		assertThat(answer.results().get(0).put().header().revision()).isEqualTo(12);
		assertThat(answer.results().get(1).range().kvs())
			.containsExactly(new KeyValue(bytes("/a"), bytes("hi"), 0, 12, 0, 0));
		DeleteRequest.Response deleted = answer.results().get(2).delete();
		assertThat(deleted.deleted()).isEqualTo(1);
		assertThat(deleted.prevKvs()).containsExactly(new KeyValue(bytes("/b"), bytes("x"), 0, 3, 0, 0));
		Txn.Response failed = read("{\"header\":{\"revision\":\"13\"}}", Txn.Response.class);
		assertThat(failed.succeeded()).isFalse();
		assertThat(failed.results()).isEmpty();
		assertThat(read("{}", DeleteRequest.Response.class).prevKvs()).isEmpty();
	}

	@Test
	void uint64OfTheClusterAnswersShouldBeReadLikeTheHeaders() {
		EndpointStatus status = read(
				"{\"header\":{\"member_id\":\"10276657743932975437\"},\"leader\":\"10276657743932975437\"}",
				EndpointStatus.class);
		assertThat(Long.toUnsignedString(status.leader())).isEqualTo("10276657743932975437");
		assertThat(status.isLeader()).isTrue();
		assertThat(read("{}", EndpointStatus.class).leader()).isZero();
		assertThatExceptionOfType(GatewayJsonException.class)
			.isThrownBy(() -> read("{\"leader\":\"-1\"}", EndpointStatus.class))
			.withMessageContaining("not a uint64: '-1'");
	}

	@Test
	void membersShouldBeReadWithUint64IdsAndOmittedDefaults() {
		GatewayAnswers.MemberList answer = read("""
				{"header":{"revision":"3"},"members":[
				{"ID":"10276657743932975437","name":"etcd-0","peerURLs":["http://10.0.0.1:2380"],
				"clientURLs":["http://10.0.0.1:2379","http://127.0.0.1:2379"],"future":{"x":[1]}},
				{"ID":"42","peerURLs":["http://10.0.0.2:2380"],"isLearner":true}]}""", GatewayAnswers.MemberList.class);
		assertThat(answer.members()).containsExactly(
				new Member(Long.parseUnsignedLong("10276657743932975437"), "etcd-0", List.of("http://10.0.0.1:2380"),
						List.of("http://10.0.0.1:2379", "http://127.0.0.1:2379"), false),
				new Member(42, "", List.of("http://10.0.0.2:2380"), List.of(), true));
	}

	@Test
	void memberAddAnswerShouldBeReadWithTheNewMemberAndAllMembers() {
		GatewayAnswers.MemberAdd answer = read("""
				{"header":{"cluster_id":"15875391935852295136"},
				"member":{"ID":"17942838536295322615","peerURLs":["http://127.0.0.1:42381"],"isLearner":true},
				"members":[{"ID":"17942838536295322615","peerURLs":["http://127.0.0.1:42381"],"isLearner":true},
				{"ID":"7383792418829112008","name":"a","peerURLs":["http://127.0.0.1:42380"],
				"clientURLs":["http://127.0.0.1:42379"]}]}""", GatewayAnswers.MemberAdd.class);
		Member learner = new Member(Long.parseUnsignedLong("17942838536295322615"), "",
				List.of("http://127.0.0.1:42381"), List.of(), true);
		assertThat(answer.member()).isEqualTo(learner);
		assertThat(answer.member().isStarted()).isFalse();
		assertThat(answer.members()).containsExactly(learner, new Member(7383792418829112008L, "a",
				List.of("http://127.0.0.1:42380"), List.of("http://127.0.0.1:42379"), false));
		assertThat(answer.members().get(1).isStarted()).isTrue();
	}

	@Test
	void statusShouldBeReadWithItsErrorsAndStringNumbers() {
		EndpointStatus status = read("""
				{"header":{"member_id":"7","revision":"12"},"version":"3.4.23","dbSize":"20480","leader":"8",
				"raftIndex":"99","raftTerm":"4","errors":["memberID:7 alarm:NOSPACE "],"dbSizeInUse":"16384"}""",
				EndpointStatus.class);
		assertThat(status).isEqualTo(new EndpointStatus(new ResponseHeader(0, 7, 12, 0), "3.4.23", 20480, 8, 99, 4,
				List.of("memberID:7 alarm:NOSPACE ")));
		assertThat(status.isLeader()).isFalse();
		assertThat(read("{}", EndpointStatus.class).errors()).isEmpty();
		assertThatExceptionOfType(GatewayJsonException.class)
			.isThrownBy(() -> read("{\"errors\":[{\"x\":1}]}", EndpointStatus.class))
			.withMessageContaining("expected a JSON string");
	}

	private static <T> T read(String json, Class<T> type) {
		return GatewayJson.read(json.getBytes(StandardCharsets.UTF_8), type);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
