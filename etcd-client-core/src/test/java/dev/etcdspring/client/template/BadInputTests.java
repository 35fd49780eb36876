package dev.etcdspring.client.template;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.watch.WatchRequest;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad input gets a clear error and loses nothing; odd keys and values round-trip
 * byte-exact.
 */
class BadInputTests {

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
	void emptyKeyShouldBeRejectedBeforeAnyRequest() throws IOException {
		// a client whose only endpoint refuses connections: any request would fail
		// differently
		try (EtcdClient unreachable = TestTransport.builder().endpoints("http://127.0.0.1:" + closedPort()).build()) {
			EtcdTemplate offline = new EtcdTemplate(unreachable);
			assertThatIllegalArgumentException().isThrownBy(() -> offline.put("", "v"))
				.withMessageContaining("key must not be null or empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.get(""))
				.withMessageContaining("key must not be null or empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.delete(""))
				.withMessageContaining("key must not be null or empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.get(new byte[0]))
				.withMessageContaining("key must not be null or empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.compareAndSwap("", "a", "b"))
				.withMessageContaining("key must not be null or empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.deletePrefix(""))
				.withMessageContaining("must not be empty");
			assertThatIllegalArgumentException().isThrownBy(() -> offline.put("k", null))
				.withMessageContaining("Value must not be null");
		}
	}

	@Test
	void valueOverTheServerLimitShouldNameTheLimitAndLeaveTheKeyAlone() {
		String key = "/big-" + UUID.randomUUID();
		template.put(key, "small");
		byte[] big = new byte[2 * 1024 * 1024];
		assertThatExceptionOfType(EtcdRequestTooLargeException.class).isThrownBy(() -> template.put(key, big))
			.withMessageContaining("--max-request-bytes")
			.withMessageContaining("1572864")
			.satisfies((ex) -> assertThat(ex.getRequestBytes()).isGreaterThan(big.length))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo(EtcdError.REQUEST_TOO_LARGE));
		assertThat(template.get(key)).contains("small");
	}

	@Test
	void binaryKeysAndValuesShouldRoundTripByteExact() {
		byte[] key = { '/', 'b', 'i', 'n', 0x00, (byte) 0xFF, (byte) 0xC3, 0x28, (byte) 0x80 };
		byte[] value = { 0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 0x0A, 0x0D };
		template.put(key, value);
		assertThat(template.get(key)).hasValueSatisfying((read) -> assertThat(read).containsExactly(value));
		assertThat(template.delete(key)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/with space", "/per%cent", "/plus+sign", "/a/b/c", "/ünïcödé", "/emoji/🚀🎉", "/q?x=1&y",
			"/hash#frag", "/back\\slash", "/quote\"d", "/tab\tkey", "/newline\nkey", "//double//slash" })
	void unusualKeysShouldRoundTrip(String suffix) {
		String key = "/odd-" + UUID.randomUUID() + suffix;
		String value = "value of " + suffix + " ✓";
		template.put(key, value);
		assertThat(template.get(key)).contains(value);
		assertThat(template.list(key).keys()).containsExactly(key);
		assertThat(template.delete(key)).isTrue();
	}

	@Test
	void prefixEndingIn0xFFShouldListExactlyItsKeys() {
		String root = "/ff-" + UUID.randomUUID();
		byte[] prefix = bytes(root, (byte) 0xFF);
		byte[] inside1 = bytes(root, (byte) 0xFF, (byte) 0x00);
		byte[] inside2 = bytes(root, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF);
		byte[] before = bytes(root, (byte) 0xFE, (byte) 0xFF);
		byte[] after = bytes(root + "0");
		for (byte[] key : List.of(prefix, inside1, inside2, before, after)) {
			template.put(key, key);
		}
		List<byte[]> listed = new ArrayList<>();
		template.list(prefix).entries(byte[].class).forEach((entry) -> listed.add(entry.value()));
		assertThat(listed).containsExactly(prefix, inside1, inside2);
		byte[] allFF = { (byte) 0xFF, (byte) 0xFF };
		template.put(allFF, "top".getBytes(StandardCharsets.UTF_8));
		assertThat(template.list(allFF).keys()).hasSize(1);
		template.delete(allFF);
	}

	@Test
	void refusedEndpointShouldFailFastWithAConnectionError() throws IOException {
		int port = closedPort();
		try (EtcdClient unreachable = TestTransport.builder()
			.endpoints("http://127.0.0.1:" + port)
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(EtcdConnectionException.class)
				.isThrownBy(() -> new EtcdTemplate(unreachable).get("/k"))
				.withMessageContaining("127.0.0.1:" + port);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void silentEndpointShouldTimeOutInsteadOfHanging() throws Exception {
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient stuck = TestTransport.builder()
					.endpoints(hung.endpoint())
					.requestTimeout(Duration.ofMillis(800))
					.build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(() -> new EtcdTemplate(stuck).get("/k"));
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class)
				.isThrownBy(() -> new EtcdTemplate(stuck).put("/k", "v"))
				.withMessageContaining("may or may not have been applied");
			// two calls, each bounded by about the request timeout
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void readsShouldFailOverFromASilentMemberToAHealthyOne() throws Exception {
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient mixed = TestTransport.builder()
					.endpoints(hung.endpoint(), etcd.endpoint())
					.requestTimeout(Duration.ofSeconds(3))
					.build()) {
			String key = "/failover-" + UUID.randomUUID();
			template.put(key, "from the healthy member");
			EtcdTemplate failing = new EtcdTemplate(mixed);
			assertThat(failing.get(key)).contains("from the healthy member");
			// the client now prefers the healthy member, so writes go there
			failing.put(key, "written");
			assertThat(template.get(key)).contains("written");
		}
	}

	@Test
	void writesShouldFailOverWhenTheConnectionIsRefused() throws IOException {
		try (EtcdClient mixed = TestTransport.builder()
			.endpoints("http://127.0.0.1:" + closedPort(), etcd.endpoint())
			.build()) {
			String key = "/refused-" + UUID.randomUUID();
			assertThat(new EtcdTemplate(mixed).put(key, "v")).isPositive();
			assertThat(template.get(key)).contains("v");
		}
	}

	@Test
	void writeThatGotNoAnswerShouldMoveLaterWritesToAnotherMember() throws Exception {
		// a client that only writes: no read moves it off the silent member first
		try (HungEndpoint hung = HungEndpoint.start();
				EtcdClient mixed = TestTransport.builder()
					.endpoints(hung.endpoint(), etcd.endpoint())
					.requestTimeout(Duration.ofSeconds(2))
					.build()) {
			String key = "/silent-write-" + UUID.randomUUID();
			EtcdTemplate writing = new EtcdTemplate(mixed);
			// sent to the silent member: it may yet apply it, so it is not sent again
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class)
				.isThrownBy(() -> writing.put(key, "to the silent member"));
			int connections = hung.connections();
			// the next write goes to the member that answers
			writing.put(key, "written");
			assertThat(template.get(key)).contains("written");
			assertThat(hung.connections()).isEqualTo(connections);
		}
	}

	@Test
	void invalidEndpointsShouldBeRejectedClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.create("localhost:2379"))
			.withMessageContaining("Invalid etcd endpoint 'localhost:2379'");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.create("ftp://host:1"))
			.withMessageContaining("expected http://host:port");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().build())
			.withMessageContaining("At least one etcd endpoint");
	}

	@Test
	void leaseTtlOfZeroOrLessShouldBeRejectedBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> client.leases().grant(Duration.ZERO))
			.withMessage("Lease TTL must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> template.put("/ttl", "v", Duration.ofSeconds(-1)))
			.withMessage("Lease TTL must be positive, was PT-1S");
		assertThat(template.get("/ttl")).isEmpty();
	}

	@Test
	void negativeRevisionsShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RangeQuery.key("/k").revision(-1))
			.withMessage("Revision must be 0 (now) or positive, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> WatchRequest.key("/k").startRevision(-5))
			.withMessage("Start revision must be 0 (now) or positive, was -5");
	}

	@Test
	void endpointWithoutPortShouldBeRejectedWithTheUsualPort() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.create("http://127.0.0.1"))
			.withMessage("Invalid etcd endpoint 'http://127.0.0.1': it has no port; etcd serves clients on port 2379 "
					+ "unless told otherwise, e.g. http://127.0.0.1:2379");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.create("https://etcd-1/"))
			.withMessageContaining("e.g. https://etcd-1:2379");
	}

	@Test
	void endpointWithCredentialsShouldBeRejectedWithoutShowingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.create("http://admin:secret@127.0.0.1:2379"))
			.withMessageContaining("etcd.username and etcd.password")
			.withMessageContaining("EtcdClientBuilder.credentials")
			.withMessageNotContaining("secret")
			.withMessageNotContaining("admin");
	}

	@Test
	void unreadableJsonValueShouldNameTheKeyAndType() {
		String key = "/json-" + UUID.randomUUID();
		template.put(key, "not json");
		assertThatExceptionOfType(EtcdException.class)
			.isThrownBy(() -> template.get(key, EtcdTemplateKvTests.Flag.class))
			.withMessageContaining(key)
			.withMessageContaining("Flag");
	}

	private static byte[] bytes(String text, byte... tail) {
		byte[] head = text.getBytes(StandardCharsets.UTF_8);
		byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
		System.arraycopy(tail, 0, all, head.length, tail.length);
		return all;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
