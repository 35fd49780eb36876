package dev.etcdspring.client.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import static dev.etcdspring.client.watch.WatchTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the watch engine logs through an outage of the only member: the first failure
 * shows, the repeated attempts to reopen the stream do not, and the end of the outage is
 * one INFO line.
 */
class WatchOutageLoggingTests {

	private static final String WATCH_LOGGER = "dev.etcdspring.client.internal.watch";

	@Test
	void outageShouldLogItsStartOnceAndItsEndInOneLine() {
		try (EtcdServer server = EtcdServer.start();
				LogCapture logs = LogCapture.start("dev.etcdspring", Level.DEBUG);
				EtcdClient client = TestTransport.builder()
					.endpoints(server.endpoint())
					.requestTimeout(Duration.ofSeconds(2))
					.build()) {
			List<WatchEvent> events = new CopyOnWriteArrayList<>();
			try (Watch watch = client.watches().watch(WatchRequest.key("/outage"), events::add)) {
				put(client, "/outage", "before");
				await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
				server.kill();
				// counted at any level: attempts to reopen the stream that failed
				await().atMost(Duration.ofSeconds(30))
					.until(() -> logs.events(WATCH_LOGGER, "Cannot open an etcd watch stream").size() >= 3);
				server.restart();
				put(client, "/outage", "after");
				await().atMost(Duration.ofSeconds(15)).until(() -> events.size() == 2);
				await().atMost(Duration.ofSeconds(5)).until(() -> !logs.events(WATCH_LOGGER, "resumed").isEmpty());
			}
			List<ILoggingEvent> resumed = logs.events(WATCH_LOGGER, "resumed");
			assertThat(resumed).hasSize(1);
			assertThat(resumed.get(0).getLevel()).isEqualTo(Level.INFO);
			assertThat(resumed.get(0).getFormattedMessage()).contains(server.endpoint()).contains("failed attempt");
			List<ILoggingEvent> reopenFailures = logs.events(WATCH_LOGGER, "Cannot open an etcd watch stream");
			assertThat(reopenFailures.stream().filter(LogCapture::isInfoOrAbove))
				.as("failures to reopen the stream logged at INFO or above, of %d", reopenFailures.size())
				.hasSizeLessThanOrEqualTo(1);
			// the broken stream, the first failure to reopen it, its resumption
			assertThat(logs.events((event) -> event.getLoggerName().startsWith(WATCH_LOGGER))
				.stream()
				.filter(LogCapture::isInfoOrAbove)).hasSizeLessThanOrEqualTo(3);
		}
	}

}
