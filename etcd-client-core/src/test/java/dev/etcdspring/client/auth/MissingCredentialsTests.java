package dev.etcdspring.client.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchMetrics;
import dev.etcdspring.client.watch.WatchRequest;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A client without credentials against an etcd that has authentication enabled (issue
 * 10): every request fails, so it must say what is missing, once in the log and in every
 * exception, and its watch stream must not be reopened in a tight loop.
 */
class MissingCredentialsTests {

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	/** The watch stream's backoff: 100 ms doubling up to 5 s. */
	private static final Duration WINDOW = Duration.ofSeconds(6);

	/**
	 * Streams a backing-off client opens in {@link #WINDOW} after its first refusal: at
	 * 0.1, 0.3, 0.7, 1.5, 3.1 s (and 6.3 s), with slack. Reopening after 100 ms each time
	 * opened about 9 a second, over 50 in the window.
	 */
	private static final long MAX_STREAMS_IN_WINDOW = 8;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@BeforeAll
	static void enableAuthentication() {
		for (String[] args : List.of(new String[] { "user", "add", "root:" + PASSWORD },
				new String[] { "auth", "enable" })) {
			EtcdctlResult result = etcd.etcdctl(args);
			assertThat(result.isSuccess()).as(result.stderr()).isTrue();
		}
	}

	@Test
	void requestsShouldSayWhichCredentialsAreMissingAndTheClientShouldWarnOnce() {
		try (LogCapture logs = LogCapture.start("dev.etcdspring", Level.INFO);
				EtcdClient client = TestTransport.builder().endpoints(etcd.endpoint()).build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			for (int i = 0; i < 20; i++) {
				EtcdAuthenticationException failure = catchThrowableOfType(EtcdAuthenticationException.class,
						() -> template.get("/app/x"));
				assertThat(failure).as("call %d", i).isNotNull();
				assertThat(failure.getMessage()).contains("etcd requires authentication")
					.contains("no credentials")
					.contains("etcd.username")
					.contains("etcd.password")
					.contains("EtcdClientBuilder.credentials(")
					.contains("user name is empty");
			}
			catchThrowableOfType(EtcdAuthenticationException.class, () -> template.put("/app/x", "v"));
			List<ILoggingEvent> warnings = logs.events((event) -> event.getLevel() == Level.WARN);
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0).getFormattedMessage()).contains("requires authentication")
				.contains("etcd.username")
				.contains("etcd.password")
				.contains(etcd.endpoint());
			// once per client, not once per JVM: another client warns for itself
			try (EtcdClient other = TestTransport.builder().endpoints(etcd.endpoint()).build()) {
				catchThrowableOfType(EtcdAuthenticationException.class, () -> new EtcdTemplate(other).get("/app/x"));
			}
			assertThat(logs.events((event) -> event.getLevel() == Level.WARN)).hasSize(2);
		}
	}

	@Test
	void refusedWatchStreamShouldBeReopenedWithBackoffAndLoggedOnce() throws Exception {
		AtomicInteger failedStreams = new AtomicInteger();
		WatchMetrics metrics = new WatchMetrics() {

			@Override
			public void streamReconnected(String endpoint) {
				failedStreams.incrementAndGet();
			}

		};
		try (LogCapture logs = LogCapture.start("dev.etcdspring", Level.DEBUG);
				EtcdClient client = TestTransport.builder().endpoints(etcd.endpoint()).watchMetrics(metrics).build();
				Watch watch = client.watches().watch(WatchRequest.key("/app/watched"), (event) -> {
				})) {
			await().atMost(Duration.ofSeconds(10)).until(() -> failedStreams.get() >= 1);
			long before = watchStreamsStarted();
			// counted by etcd itself: every gateway watch request is one gRPC watch
			// stream
			await().during(WINDOW)
				.atMost(WINDOW.plusSeconds(2))
				.until(() -> watchStreamsStarted() - before <= MAX_STREAMS_IN_WINDOW);
			long opened = watchStreamsStarted() - before;
			// and it does keep trying: the bound above is not met by giving up
			assertThat(opened).as("watch streams opened in %s", WINDOW).isGreaterThanOrEqualTo(3);
			List<ILoggingEvent> refusals = logs.events("dev.etcdspring.client.internal.watch", "user name is empty");
			assertThat(refusals).as("refusals logged").hasSizeGreaterThanOrEqualTo(3);
			// the first refusal shows, as a WARN that says what to do; the repeats only
			// at
			// DEBUG
			List<ILoggingEvent> shown = refusals.stream().filter(LogCapture::isInfoOrAbove).toList();
			assertThat(shown).as("refusals logged at INFO or above").hasSize(1);
			assertThat(shown.get(0).getLevel()).isEqualTo(Level.WARN);
			assertThat(shown.get(0).getFormattedMessage()).contains("etcd.username");
		}
	}

	/** How many watch streams etcd has started, by its gRPC server metrics. */
	private static long watchStreamsStarted() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/metrics"))
			.timeout(Duration.ofSeconds(5))
			.build();
		String metrics = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		String prefix = "grpc_server_started_total{grpc_method=\"Watch\",grpc_service=\"etcdserverpb.Watch\"";
		return metrics.lines()
			.filter((line) -> line.startsWith(prefix))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("etcd reports no watch stream count"));
	}

}
