package dev.etcdspring.client.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.internal.watch.WatchEngine;
import dev.etcdspring.test.HungEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting {@code @EtcdWatch} methods never waits on a hung member for long, and says
 * what it waited for.
 */
class EtcdWatchStartupTests {

	private final Logger engineLogger = (Logger) LoggerFactory.getLogger(WatchEngine.class);

	private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

	@BeforeEach
	void captureEngineLog() {
		this.captured.start();
		this.engineLogger.addAppender(this.captured);
	}

	@AfterEach
	void stopCapturing() {
		this.engineLogger.detachAppender(this.captured);
	}

	@Test
	void startWhenTheOnlyMemberHangsShouldFinishWithinTheStartTimeoutAndWarnOnce() {
		try (HungEndpoint hung = HungEndpoint.start()) {
			long start = System.nanoTime();
			// the client's request timeout is 10 s: three watches used to wait for it
			// each
			try (AnnotationConfigApplicationContext context = EtcdWatchContexts.run(hung.endpoint(),
					EtcdWatchContexts.newNamespace(), Map.of(), ThreeWatches.class)) {
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				// the start timeout (2 s by default) once, with room for a busy machine
				assertThat(took).isLessThan(Duration.ofSeconds(7));
				assertThat(context.getBean(EtcdWatchEndpointRegistry.class).getListenerContainers())
					.allMatch(EtcdWatchListenerContainer::isRunning);
			}
			List<ILoggingEvent> warnings = this.captured.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.filter((event) -> event.getFormattedMessage().contains("current revision"))
				.toList();
			assertThat(warnings).singleElement()
				.satisfies((warning) -> assertThat(warning.getFormattedMessage())
					.startsWith("etcd at [" + hung.endpoint() + "] did not tell its current revision within 2000 ms"));
		}
	}

	@Component
	static class ThreeWatches {

		@EtcdWatch("/a")
		void onA(@EtcdValue String value) {
		}

		@EtcdWatch("/b")
		void onB(@EtcdValue String value) {
		}

		@EtcdWatch(value = "/c/", prefix = true)
		void onC(@EtcdValue String value) {
		}

	}

}
