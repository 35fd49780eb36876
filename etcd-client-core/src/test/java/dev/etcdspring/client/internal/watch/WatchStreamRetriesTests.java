package dev.etcdspring.client.internal.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.etcdspring.client.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WatchStreamRetries}, on a clock the test moves: the reminder interval
 * is a minute, too long for a test against etcd (see {@code WatchOutageLoggingTests} and
 * {@code MissingCredentialsTests} for those).
 */
class WatchStreamRetriesTests {

	private final AtomicLong now = new AtomicLong();

	private final WatchStreamRetries retries = new WatchStreamRetries(Duration.ofMinutes(1), this.now::get);

	@Test
	void backoffShouldStartOverOnlyWhenEtcdConfirmsAWatch() {
		assertThat(this.retries.failed("refused", true)).isEqualTo(100);
		assertThat(this.retries.failed("refused", true)).isEqualTo(200);
		assertThat(this.retries.failed("refused", true)).isEqualTo(400);
		for (int i = 0; i < 10; i++) {
			this.retries.failed("refused", true);
		}
		assertThat(this.retries.failed("refused", true)).isEqualTo(5_000);
		this.retries.confirmed("http://etcd-1:2379");
		assertThat(this.retries.failed("broke", false)).isEqualTo(100);
	}

	@Test
	void outageShouldShowItsFirstFailureAnEscalationRemindersAndItsEnd() {
		try (LogCapture logs = LogCapture.start(WatchEngine.class.getName(), Level.DEBUG)) {
			this.retries.failed("stream broke", false);
			this.retries.failed("cannot open", true);
			for (int i = 0; i < 20; i++) {
				this.now.addAndGet(Duration.ofSeconds(2).toNanos());
				this.retries.failed("cannot open", true);
			}
			this.now.addAndGet(Duration.ofSeconds(20).toNanos());
			this.retries.failed("cannot open", true);
			this.retries.failedOver("probe", true);
			this.retries.confirmed("http://etcd-2:2379");
			this.retries.confirmed("http://etcd-2:2379");
			List<String> shown = logs.events(LogCapture::isInfoOrAbove)
				.stream()
				.map((event) -> event.getLevel() + " " + event.getFormattedMessage())
				.toList();
			assertThat(shown).containsExactly("INFO stream broke; retrying in 100 ms",
					"WARN cannot open; retrying in 200 ms",
					"WARN etcd watches have not resumed for 60.0 s (23 failed attempts); the latest failure: "
							+ "cannot open; retrying in 5000 ms",
					"INFO etcd watches resumed on http://etcd-2:2379 after 60.0 s and 24 failed attempts");
			assertThat(logs.events((event) -> event.getLevel() == Level.DEBUG)).hasSize(21)
				.allSatisfy((event) -> assertThat(event.getFormattedMessage()).contains("(failure "));
		}
	}

	@Test
	void outageThatNeedsAttentionShouldStartWithAWarningAndEndWithOneLine() {
		try (LogCapture logs = LogCapture.start(WatchEngine.class.getName(), Level.INFO)) {
			for (int i = 0; i < 5; i++) {
				this.retries.failed("no credentials", true);
			}
			this.retries.confirmed("http://etcd-1:2379");
			List<ILoggingEvent> shown = logs.events(LogCapture::isInfoOrAbove);
			assertThat(shown).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
			assertThat(shown.get(1).getFormattedMessage()).endsWith("after 0.0 s and 5 failed attempts");
		}
	}

	@Test
	void outageShouldEndUnnoticedWhenNoWatchIsLeft() {
		try (LogCapture logs = LogCapture.start(WatchEngine.class.getName(), Level.INFO)) {
			this.retries.failed("stream broke", false);
			this.retries.idle();
			this.retries.confirmed("http://etcd-1:2379");
			assertThat(logs.events(LogCapture::isInfoOrAbove)).hasSize(1);
		}
	}

}
