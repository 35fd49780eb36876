package dev.etcdspring.client.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.watch.WatchTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watch answers that etcd splits into fragments. etcd fragments an answer of a watch that
 * asked for it once the answer is larger than its {@code --max-request-bytes} plus 512
 * KiB, here 64 + 512 KiB. A request must fit in 64 KiB, so one revision that large comes
 * from values the request does not carry: a transaction overwrites 24 keys of 48 KiB each
 * with short values, and a watch with previous values gets 24 events with 1.1 MiB of
 * them.
 */
class WatchFragmentTests {

	private static final int KEYS = 24;

	private static final int VALUE_BYTES = 48 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--max-request-bytes=" + 64 * 1024);

	private final String root = "/fragments-" + UUID.randomUUID() + "/";

	@Test
	void transactionLargerThanEtcdsLimitShouldReachTheListenerWholeInOneCall() throws IOException {
		try (EtcdClient client = TestTransport.builder().endpoints(etcd.endpoints()).build()) {
			putLargeValues(client);
			Recorder recorder = new Recorder();
			try (Watch watch = client.watches().watch(WatchRequest.prefix(this.root).prevKv(), recorder)) {
				Txn txn = Txn.create();
				for (int i = 0; i < KEYS; i++) {
					txn = txn.then(TxnOp.put(PutRequest.of(bytes(key(i)), bytes("small"))));
				}
				long revision = client.kv().txn(txn).header().revision();
				await("the transaction's events").atMost(WAIT).until(() -> !recorder.calls.isEmpty());
				assertThat(fragmentsOf(revision)).as("fragments etcd sends for the revision").isGreaterThan(1);

				assertThat(recorder.calls).singleElement().satisfies((call) -> {
					assertThat(call.revision()).isEqualTo(revision);
					assertThat(call.events()).hasSize(KEYS).allSatisfy((event) -> {
						assertThat(event.revision()).isEqualTo(revision);
						assertThat(event.kv().valueAsString()).isEqualTo("small");
						assertThat(event.prevKv().value()).hasSize(VALUE_BYTES);
					});
					assertThat(call.events()).extracting((event) -> event.kv().keyAsString())
						.containsExactlyInAnyOrderElementsOf(keys());
				});
				assertThat(watch.nextRevision()).isEqualTo(revision + 1);
			}
		}
	}

	/**
	 * A watch that catches up gets up to 1,000 revisions in one answer: here 1.5 MiB of
	 * JSON, more than this client accepts. In fragments of at most 576 KiB it resumes;
	 * without, the answer fails the stream each time.
	 */
	@Test
	void catchUpLargerThanTheAnswerLimitShouldArriveInFragmentsOnly() {
		try (EtcdClient writer = TestTransport.builder().endpoints(etcd.endpoints()).build();
				EtcdClient fragmented = TestTransport.builder()
					.endpoints(etcd.endpoints())
					.maxAnswerBytes(1024 * 1024)
					.build();
				EtcdClient whole = TestTransport.builder()
					.endpoints(etcd.endpoints())
					.maxAnswerBytes(1024 * 1024)
					.build()) {
			long first = putLargeValues(writer);
			Recorder inFragments = new Recorder();
			Recorder inOne = new Recorder();
			try (Watch watch = fragmented.watches()
				.watch(WatchRequest.prefix(this.root).startRevision(first), inFragments);
					Watch unfragmented = whole.watches()
						.watch(WatchRequest.prefix(this.root).startRevision(first).fragment(false), inOne)) {
				await("every revision caught up").atMost(WAIT).until(() -> inFragments.calls.size() >= KEYS);
				await("the unfragmented answer refused").atMost(WAIT)
					.until(() -> inOne.disconnects.stream().anyMatch(EtcdAnswerTooLargeException.class::isInstance));
				assertThat(inFragments.calls).extracting(Call::revision)
					.containsExactlyElementsOf(java.util.stream.LongStream.range(first, first + KEYS).boxed().toList());
				assertThat(inFragments.calls).allSatisfy((call) -> assertThat(call.events()).singleElement()
					.satisfies((event) -> assertThat(event.kv().value()).hasSize(VALUE_BYTES)));
				assertThat(inFragments.disconnects).isEmpty();
				assertThat(inOne.calls).isEmpty();
				assertThat(unfragmented.nextRevision()).isEqualTo(first);
				assertThat(watch.nextRevision()).isEqualTo(first + KEYS);
			}
		}
	}

	/** Put the large values, one request each; return the first one's revision. */
	private long putLargeValues(EtcdClient client) {
		byte[] value = new byte[VALUE_BYTES];
		Arrays.fill(value, (byte) 'v');
		long first = 0;
		for (int i = 0; i < KEYS; i++) {
			long revision = client.kv().put(PutRequest.of(bytes(key(i)), value)).header().revision();
			first = (first != 0) ? first : revision;
		}
		return first;
	}

	private String key(int i) {
		return this.root + "%02d".formatted(i);
	}

	private List<String> keys() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < KEYS; i++) {
			keys.add(key(i));
		}
		return keys;
	}

	/**
	 * Count the results etcd itself sends for one revision, read from a watch stream of
	 * our own: proof that the revision was fragmented, so that the test can fail.
	 */
	private int fragmentsOf(long revision) throws IOException {
		Base64.Encoder base64 = Base64.getEncoder();
		String create = "{\"create_request\":{\"key\":\"%s\",\"range_end\":\"%s\",\"start_revision\":%d,\"prev_kv\":true,\"fragment\":true}}"
			.formatted(base64.encodeToString(bytes(this.root)),
					base64.encodeToString(bytes(this.root.replaceAll("/$", "0"))), revision);
		HttpURLConnection connection = (HttpURLConnection) URI.create(etcd.endpoint() + "/v3/watch")
			.toURL()
			.openConnection();
		connection.setDoOutput(true);
		connection.setReadTimeout((int) WAIT.toMillis());
		try (OutputStream body = connection.getOutputStream()) {
			body.write(create.getBytes(StandardCharsets.UTF_8));
		}
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
			int results = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (!line.contains("\"events\"")) {
					continue;
				}
				results++;
				if (!line.contains("\"fragment\":true")) {
					return results;
				}
			}
			return results;
		}
		finally {
			connection.disconnect();
		}
	}

	record Call(long revision, List<WatchEvent> events) {
	}

	static final class Recorder implements WatchListener {

		final List<Call> calls = new CopyOnWriteArrayList<>();

		final List<EtcdException> disconnects = new CopyOnWriteArrayList<>();

		@Override
		public void onEvent(WatchEvent event) {
		}

		@Override
		public void onRevision(long revision, List<WatchEvent> events) {
			this.calls.add(new Call(revision, events));
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			this.disconnects.add(cause);
		}

	}

}
