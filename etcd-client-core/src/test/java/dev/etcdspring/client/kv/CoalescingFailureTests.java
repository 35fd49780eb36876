package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestAuth;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.kv.CoalescingTests.RecordingMetrics;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Failures of requests that shared a round trip stay with the request that caused them:
 * etcd refuses the whole combined transaction (it applies none of it), and each request
 * is sent again alone. Against an etcd with auth on, at most 8 operations per transaction
 * and requests of at most 128 KiB, so that combined transactions meet each of these
 * refusals.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoalescingFailureTests {

	private static final String PASSWORD = "s3cr3t-Pa55word";

	private static final int CALLERS = 16;

	private static final int ROUNDS = 20;

	private static final long MISSING_LEASE = 0x0badc0ffeeL;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--max-txn-ops=8", "--max-request-bytes=131072");

	private final RecordingMetrics metrics = new RecordingMetrics();

	private final String root = "/app/coalescing-" + UUID.randomUUID().toString().substring(0, 8) + "/";

	private EtcdClient client;

	private ExecutorService callers;

	@BeforeAll
	static void enableAuth() {
		TestAuth.enable(etcd, PASSWORD);
	}

	@BeforeEach
	void createClient() {
		this.client = TestTransport.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", PASSWORD)
			.coalesceWrites(true)
			.coalescingConcurrency(1)
			.coalescingMetrics(this.metrics)
			.build();
		this.callers = Executors.newFixedThreadPool(CALLERS);
	}

	@AfterEach
	void close() throws InterruptedException {
		this.callers.shutdownNow();
		this.callers.awaitTermination(30, TimeUnit.SECONDS);
		this.client.close();
	}

	@Test
	void aFailingWriteShouldFailOnlyItsOwnCaller() throws Exception {
		runCallers((caller, round) -> {
			byte[] value = bytes("caller-" + caller + "-round-" + round);
			if (caller == 0) {
				assertThatExceptionOfType(EtcdLeaseNotFoundException.class)
					.isThrownBy(() -> this.client.kv().put(PutRequest.of(key("leased"), value).lease(MISSING_LEASE)));
			}
			else if (caller == 1) {
				assertThatExceptionOfType(EtcdPermissionDeniedException.class)
					.isThrownBy(() -> this.client.kv().put(PutRequest.of(bytes("/forbidden/" + round), value)));
			}
			else {
				byte[] key = key("ok/" + caller);
				this.client.kv().put(PutRequest.of(key, value));
				assertThat(this.client.kv().get(key)).map(KeyValue::value).hasValueSatisfying((held) -> {
					assertThat(held).isEqualTo(value);
				});
			}
		});
		assertThat(this.metrics.resent.get()).as("requests resent alone after etcd refused their batch").isPositive();
		assertThat(this.client.kv().get(key("leased"))).isEmpty();
	}

	@Test
	void batchesShouldShrinkToTheServersOperationLimit() throws Exception {
		runCallers(
				(caller, round) -> this.client.kv().put(PutRequest.of(key("many/" + caller), bytes("round-" + round))));
		RangeResponse held = this.client.kv().range(RangeQuery.prefix(key("many/")));
		assertThat(held.kvs()).hasSize(CALLERS)
			.allSatisfy((kv) -> assertThat(kv.valueAsString()).isEqualTo("round-" + (ROUNDS - 1)));
		assertThat(this.metrics.combined("writes")).as("writes that shared a round trip").isPositive();
	}

	@Test
	void aRequestTooLargeAloneShouldFailOnlyItsOwnCaller() throws Exception {
		byte[] large = new byte[40 * 1024];
		byte[] tooLarge = new byte[200 * 1024];
		Arrays.fill(large, (byte) 'x');
		runCallers((caller, round) -> {
			if (caller == 0) {
				assertThatExceptionOfType(EtcdRequestTooLargeException.class)
					.isThrownBy(() -> this.client.kv().put(PutRequest.of(key("too-large"), tooLarge)));
			}
			else {
				this.client.kv().put(PutRequest.of(key("large/" + caller), large));
			}
		});
		assertThat(this.client.kv().range(RangeQuery.prefix(key("large/")).countOnly()).count()).isEqualTo(CALLERS - 1);
		assertThat(this.metrics.resent.get()).as("requests resent alone after etcd refused their batch").isPositive();
	}

	private void runCallers(CoalescingTests.CallerBody body) throws Exception {
		CoalescingTests.runCallers(this.callers, CALLERS, ROUNDS, body);
	}

	private byte[] key(String name) {
		return bytes(this.root + name);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
