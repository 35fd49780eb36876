package dev.etcdspring.samples.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Puts a key, reads it back, watches its prefix while changing it, and cleans up; then
 * changes the greeting that the application imports from etcd, while it runs
 * ({@link LiveGreeting}). Each step is one log line.
 */
@Component
class GreetingRunner implements ApplicationRunner, ExitCodeGenerator {

	static final String PREFIX = "/sample/";

	static final String KEY = PREFIX + "greeting";

	private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(GreetingRunner.class);

	private final EtcdTemplate template;

	private final LiveGreeting liveGreeting;

	private final boolean live;

	private int exitCode = 1;

	GreetingRunner(EtcdTemplate template, LiveGreeting liveGreeting,
			@Value("${sample.live-greeting:true}") boolean live) {
		this.template = template;
		this.liveGreeting = liveGreeting;
		this.live = live;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		try {
			this.exitCode = (greet() && (!this.live || this.liveGreeting.demonstrate())) ? 0 : 1;
		}
		catch (EtcdException ex) {
			// the message names the member and the failure: a stack trace adds nothing
			logger.error("Sample stopped: " + ex.getMessage() + " (etcd endpoints "
					+ this.template.getClient().endpoints() + ", set with --etcd.endpoints or ETCD_ENDPOINTS)");
			this.exitCode = 1;
		}
	}

	private boolean greet() throws InterruptedException {
		long revision = this.template.put(KEY, "hello");
		logger.info("PUT " + KEY + " = hello (revision " + revision + ")");
		logger.info("GET " + KEY + " -> " + this.template.get(KEY).orElse("(missing)"));
		CountDownLatch changed = new CountDownLatch(1);
		WatchListener listener = (event) -> {
			logger.info("WATCH saw " + describe(event));
			if (event.type() == WatchEvent.Type.PUT && "hello etcd".equals(value(event))) {
				changed.countDown();
			}
		};
		boolean seen;
		// Watch from the revision after the first put: every later change is delivered,
		// even one made before etcd has set the watch up.
		try (Watch watch = this.template.watch(PREFIX).prefix().fromRevision(revision + 1).subscribe(listener)) {
			long changeRevision = this.template.put(KEY, "hello etcd");
			logger.info("PUT " + KEY + " = hello etcd (revision " + changeRevision + ")");
			seen = changed.await(WATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		if (!seen) {
			logger.error("WATCH saw no change of " + KEY + " within " + WATCH_TIMEOUT.toSeconds() + "s");
		}
		boolean deleted = this.template.delete(KEY);
		logger.info("DELETE " + KEY + (deleted ? "" : " (already gone)"));
		return seen;
	}

	private String describe(WatchEvent event) {
		String key = event.kv().keyAsString();
		String change = (event.type() == WatchEvent.Type.PUT) ? "PUT " + key + " = " + value(event) : "DELETE " + key;
		return change + " (revision " + event.revision() + ")";
	}

	private String value(WatchEvent event) {
		return this.template.deserialize(event.kv().value(), String.class);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
