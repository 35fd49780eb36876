package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.watch.WatchEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The watch stream's messages as etcd 3.4's gateway writes them, read by the hand-written
 * readers.
 */
class WatchMessageReadingTests {

	@Test
	void createdAnswerShouldCarryTheWatchIdAndRevision() {
		WatchStreamMessage message = read("{\"result\":{\"header\":{\"cluster_id\":\"1\",\"member_id\":\"2\","
				+ "\"revision\":\"7\",\"raft_term\":\"2\"},\"watch_id\":\"3\",\"created\":true}}");
		assertThat(message.error()).isNull();
		assertThat(message.result().created()).isTrue();
		assertThat(message.result().watchId()).isEqualTo(3);
		assertThat(message.result().revision()).isEqualTo(7);
		assertThat(message.result().eventList()).isEmpty();
	}

	@Test
	void eventsShouldBeReadWithTheOmittedPutTypeAndPreviousValues() {
		WatchStreamMessage message = read("{\"result\":{\"header\":{\"revision\":\"9\"},\"events\":["
				+ "{\"kv\":{\"key\":\"L2E=\",\"create_revision\":\"8\",\"mod_revision\":\"9\",\"version\":\"1\","
				+ "\"value\":\"aGk=\"}},{\"type\":\"DELETE\",\"kv\":{\"key\":\"L2I=\",\"mod_revision\":\"9\"},"
				+ "\"prev_kv\":{\"key\":\"L2I=\",\"value\":\"b2xk\",\"mod_revision\":\"4\"}}],\"fragment\":false}}");
		assertThat(message.result().eventList()).hasSize(2);
		WatchEvent put = message.result().eventList().get(0);
		assertThat(put.type()).isEqualTo(WatchEvent.Type.PUT);
		assertThat(put.kv().valueAsString()).isEqualTo("hi");
		assertThat(put.prevKv()).isNull();
		WatchEvent delete = message.result().eventList().get(1);
		assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
		assertThat(delete.revision()).isEqualTo(9);
		assertThat(delete.prevKv().valueAsString()).isEqualTo("old");
	}

	@Test
	void fragmentAndProgressNotificationShouldBeRead() {
		WatchStreamMessage fragment = read("{\"result\":{\"header\":{\"revision\":\"9\"},\"watch_id\":\"2\","
				+ "\"events\":[{\"kv\":{\"key\":\"L2E=\",\"mod_revision\":\"9\"}}],\"fragment\":true}}");
		assertThat(fragment.result().fragment()).isTrue();
		assertThat(fragment.result().eventList()).hasSize(1);
		// etcd 3.4.23's progress notification: a header and the watch id, nothing else
		WatchStreamMessage progress = read("{\"result\":{\"header\":{\"cluster_id\":\"1\",\"member_id\":\"2\","
				+ "\"revision\":\"12\",\"raft_term\":\"2\"},\"watch_id\":\"2\"}}");
		assertThat(progress.result().fragment()).isFalse();
		assertThat(progress.result().created()).isFalse();
		assertThat(progress.result().canceled()).isFalse();
		assertThat(progress.result().eventList()).isEmpty();
		assertThat(progress.result().revision()).isEqualTo(12);
		assertThat(progress.result().watchId()).isEqualTo(2);
	}

	@Test
	void cancellationAndErrorsShouldKeepTheirReasons() {
		WatchStreamMessage compacted = read("{\"result\":{\"header\":{\"revision\":\"20\"},\"watch_id\":\"1\","
				+ "\"canceled\":true,\"compact_revision\":\"15\",\"cancel_reason\":\"mvcc: required revision has "
				+ "been compacted\"}}");
		assertThat(compacted.result().canceled()).isTrue();
		assertThat(compacted.result().compactRevision()).isEqualTo(15);
		assertThat(compacted.result().cancelReason()).contains("compacted");
		WatchStreamMessage error = read(
				"{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\"etcdserver: no leader\"}}");
		assertThat(error.result()).isNull();
		assertThat(error.error().grpcCode()).isEqualTo(14);
		assertThat(error.error().message()).isEqualTo("etcdserver: no leader");
	}

	@Test
	void unknownEventTypeShouldFailToRead() {
		assertThatExceptionOfType(GatewayJsonException.class)
			.isThrownBy(() -> read("{\"result\":{\"events\":[{\"type\":\"MOVE\",\"kv\":{\"key\":\"L2E=\"}}]}}"))
			.withMessageContaining("unknown watch event type 'MOVE'")
			.withCauseInstanceOf(JacksonException.class);
	}

	private static WatchStreamMessage read(String json) {
		return GatewayJson.read(json.getBytes(StandardCharsets.UTF_8), WatchStreamMessage.class);
	}

}
