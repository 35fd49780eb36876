package dev.etcdspring.client.internal.transport;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.internal.codec.GatewayRequest;
import dev.etcdspring.client.internal.codec.KvRequests;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transport's own HTTP/1.1 client against a real etcd: answers with a length and
 * chunked ones, connections a restarted member closed, members that stopped answering,
 * and members that are not there.
 */
class GatewayHttpClientTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	void smallAndChunkedAnswersShouldBothBeRead() throws Exception {
		try (GatewayHttpClient http = new GatewayHttpClient(Duration.ofSeconds(2), null)) {
			byte[] small = http
				.post(etcd.endpoint(), "maintenance/status", "{}".getBytes(StandardCharsets.US_ASCII), null,
						Duration.ofSeconds(5))
				.body();
			assertThat(new String(small, StandardCharsets.UTF_8)).contains("\"version\":\"3.");
		}
		try (GatewayTransport transport = transport(etcd.endpoint(), Duration.ofSeconds(5))) {
			String value = "v".repeat(1000);
			for (int i = 0; i < 50; i++) {
				transport.call("kv/put", KvRequests.put(PutRequest.of(bytes("/chunked/" + i), bytes(value))), Map.class,
						RequestKind.WRITE);
			}
			// about 70 KB of JSON: Go's server sends anything above 2 KB chunked
			GatewayRequest prefix = KvRequests.range(RangeQuery.prefix("/chunked/"));
			RangeResponse answer = transport.call("kv/range", prefix, RangeResponse.class, RequestKind.READ);
			assertThat(answer.kvs()).hasSize(50)
				.allSatisfy((kv) -> assertThat(new String(kv.value(), StandardCharsets.UTF_8)).isEqualTo(value));
		}
	}

	@Test
	void writeAfterMemberRestartShouldNotReuseTheDeadConnection() throws InterruptedException {
		EtcdServer server = etcd.server();
		try (GatewayTransport transport = transport(server.endpoint(), Duration.ofSeconds(5))) {
			put(transport, "/restart/before");
			long idleSince = System.nanoTime();
			server.restart();
			// the pooled connection was closed by the restart; a write on it would have
			// an unknown outcome, so the client must notice and connect again. It checks
			// connections idle for over a second (a restart rarely takes less, but on a
			// quiet machine it can): pacing, so that the check is what this test tests
			long idleNanos = System.nanoTime() - idleSince;
			long wait = GatewayHttpClient.VALIDATE_AFTER.toNanos() - idleNanos;
			if (wait > 0) {
				Thread.sleep(Duration.ofNanos(wait).toMillis() + 100);
			}
			put(transport, "/restart/after");
			assertThat(server.etcdctl("get", "/restart/after").stdout()).contains("/restart/after");
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void streamToPausedMemberShouldTimeOutEvenWhileItsBodyCannotBeWritten() {
		EtcdServer server = etcd.server();
		try (GatewayTransport transport = transport(server.endpoint(), Duration.ofSeconds(1))) {
			server.pause();
			long start = System.nanoTime();
			// 4 MB: more than the socket buffers take, so the write itself blocks
			byte[] body = ("{\"create_request\":{\"key\":\"AA==\"}}" + " ".repeat(4 << 20))
				.getBytes(StandardCharsets.US_ASCII);
			assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(() -> transport.openStream("watch", body));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			server.resume();
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void largeWriteToPausedMemberShouldEndWithUnknownOutcome() {
		EtcdServer server = etcd.server();
		try (GatewayTransport transport = transport(server.endpoint(), Duration.ofSeconds(1))) {
			put(transport, "/paused/warm-up");
			server.pause();
			long start = System.nanoTime();
			GatewayRequest put = KvRequests.put(PutRequest.of(bytes("/paused/large"), bytes("x".repeat(3 << 20))));
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class)
				.isThrownBy(() -> transport.call("kv/put", put, Map.class, RequestKind.WRITE))
				.withMessageContaining("may or may not have been applied");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			server.resume();
		}
	}

	@Test
	void streamShouldOpenOnTheNextMemberWhenThePreferredOneIsGone() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		// the absent member comes first, so it is the preferred one: a refused connection
		// must move the stream on, as it moves requests on
		List<String> members = List.of("http://127.0.0.1:" + port, etcd.endpoint());
		GatewaySettings settings = new GatewaySettings(members, Duration.ofSeconds(1), Duration.ofSeconds(5), null,
				null, ObservationRegistry.NOOP);
		try (GatewayTransport transport = new GatewayTransport(settings);
				GatewayTransport.GatewayStream stream = transport.openStream("watch",
						"{\"create_request\":{\"key\":\"L3N0cmVhbQ==\"}}".getBytes(StandardCharsets.US_ASCII))) {
			assertThat(stream.endpoint()).isEqualTo(etcd.endpoint());
		}
	}

	@Test
	void writeToAbsentMemberShouldBeConnectionFailureNotUnknownOutcome() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (GatewayTransport transport = transport("http://127.0.0.1:" + port, Duration.ofSeconds(1))) {
			assertThatExceptionOfType(EtcdConnectionException.class).isThrownBy(() -> put(transport, "/absent"))
				.withMessageContaining("Cannot connect to etcd at http://127.0.0.1:" + port)
				.withMessageContaining("ConnectException");
		}
	}

	@Test
	void endpointThatDoesNotSpeakHttpShouldSayWhatItAnswered() throws Exception {
		try (ServerSocket notHttp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> {
				while (!notHttp.isClosed()) {
					try (java.net.Socket socket = notHttp.accept()) {
						socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					catch (java.io.IOException ex) {
						// closed at the end of the test
					}
				}
			});
			server.setDaemon(true);
			server.start();
			String endpoint = "http://127.0.0.1:" + notHttp.getLocalPort();
			try (GatewayTransport transport = transport(endpoint, Duration.ofSeconds(1))) {
				assertThatExceptionOfType(EtcdConnectionException.class)
					.isThrownBy(() -> transport.call("kv/range", range("/a"), Map.class, RequestKind.READ))
					.withMessageContaining(endpoint)
					.withMessageContaining("not an HTTP/1.x answer: SSH-2.0-OpenSSH_9.2");
			}
		}
	}

	@Test
	@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void answerThatTricklesInShouldStillEndAtTheRequestTimeout() throws Exception {
		try (ServerSocket slow = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> {
				while (!slow.isClosed()) {
					try (java.net.Socket socket = slow.accept()) {
						java.io.OutputStream out = socket.getOutputStream();
						out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
						// a byte every 100 ms: each read waits far less than the timeout
						for (int i = 0; i < 100; i++) {
							out.write(' ');
							out.flush();
							Thread.sleep(100);
						}
					}
					catch (java.io.IOException | InterruptedException ex) {
						// the client gave up, or the test ended
					}
				}
			});
			server.setDaemon(true);
			server.start();
			long start = System.nanoTime();
			try (GatewayTransport transport = transport("http://127.0.0.1:" + slow.getLocalPort(),
					Duration.ofSeconds(1))) {
				assertThatExceptionOfType(EtcdTimeoutException.class)
					.isThrownBy(() -> transport.call("kv/range", range("/a"), Map.class, RequestKind.READ));
			}
			// without a deadline per answer this would take the 10 s the answer needs
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void streamShouldDeliverEachMessageAsItArrives() throws Exception {
		try (GatewayTransport transport = transport(etcd.endpoint(), Duration.ofSeconds(5))) {
			byte[] create = ("{\"create_request\":{\"key\":\"" + base64("/stream/key") + "\"}}")
				.getBytes(StandardCharsets.US_ASCII);
			try (GatewayTransport.GatewayStream stream = transport.openStream("watch", create)) {
				InputStream body = stream.body();
				byte[] buffer = new byte[64 * 1024];
				// the "created" answer comes alone, without waiting for more
				String created = new String(buffer, 0, body.read(buffer, 0, buffer.length), StandardCharsets.UTF_8);
				assertThat(created).contains("\"created\":true");
				put(transport, "/stream/key");
				String event = new String(buffer, 0, body.read(buffer, 0, buffer.length), StandardCharsets.UTF_8);
				assertThat(event).contains(base64("/stream/key")).contains("\"events\"");
			}
		}
	}

	private static void put(GatewayTransport transport, String key) {
		transport.call("kv/put", KvRequests.put(PutRequest.of(bytes(key), bytes("value"))), Map.class,
				RequestKind.WRITE);
	}

	private static GatewayRequest range(String key) {
		return KvRequests.range(RangeQuery.key(key));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static GatewayTransport transport(String endpoint, Duration requestTimeout) {
		return new GatewayTransport(new GatewaySettings(List.of(endpoint), Duration.ofSeconds(1), requestTimeout, null,
				null, ObservationRegistry.NOOP));
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
