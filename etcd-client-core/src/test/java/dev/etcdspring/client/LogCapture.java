package dev.etcdspring.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Captures what a logger and its children log, from any thread, until closed; then puts
 * the logger's level back. Events are kept in a copy-on-write list because the client's
 * threads log while the test reads.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final Level previousLevel;

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			LogCapture.this.events.add(event);
		}

	};

	private LogCapture(String loggerName, Level level) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(level);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * Start capturing.
	 * @param loggerName the logger, for example {@code dev.etcdspring}
	 * @param level the level to set it to while capturing
	 * @return the capture; close it to stop
	 */
	public static LogCapture start(String loggerName, Level level) {
		return new LogCapture(loggerName, level);
	}

	/**
	 * Return the events captured so far that match.
	 * @param filter which events
	 * @return the events, oldest first
	 */
	public List<ILoggingEvent> events(Predicate<ILoggingEvent> filter) {
		return this.events.stream().filter(filter).toList();
	}

	/**
	 * Return the events captured so far whose logger is {@code loggerPrefix} or under it
	 * and whose message contains {@code text}, at any level.
	 * @param loggerPrefix a logger name or package
	 * @param text the text
	 * @return the events, oldest first
	 */
	public List<ILoggingEvent> events(String loggerPrefix, String text) {
		return events((event) -> event.getLoggerName().startsWith(loggerPrefix)
				&& event.getFormattedMessage().contains(text));
	}

	/**
	 * Whether an event was logged at INFO or above.
	 * @param event the event
	 * @return whether it would show with default log levels
	 */
	public static boolean isInfoOrAbove(ILoggingEvent event) {
		return event.getLevel().isGreaterOrEqual(Level.INFO);
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.previousLevel);
	}

}
