package dev.etcdspring.samples.app;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.boot.autoconfigure.config.ConfigurationPropertiesSnapshots;
import dev.etcdspring.boot.autoconfigure.config.EtcdConfigChangedEvent;
import dev.etcdspring.client.template.EtcdTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shows the configuration imported from etcd changing while the application runs: logs
 * the greeting, changes its key in etcd, logs the greeting again once the application has
 * it, and deletes the key (the greeting goes back to its default).
 */
@Component
class LiveGreeting {

	static final String KEY = GreetingRunner.PREFIX + "config/greeting.text";

	private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(LiveGreeting.class);

	private final EtcdTemplate template;

	private final ConfigurationPropertiesSnapshots properties;

	private final BlockingQueue<EtcdConfigChangedEvent> changes = new LinkedBlockingQueue<>();

	LiveGreeting(EtcdTemplate template, ConfigurationPropertiesSnapshots properties) {
		this.template = template;
		this.properties = properties;
	}

	@EventListener
	void configChanged(EtcdConfigChangedEvent event) {
		this.changes.add(event);
	}

	/**
	 * Change the greeting in etcd and back.
	 * @return whether the application saw both changes in time
	 */
	boolean demonstrate() throws InterruptedException {
		logger.info("GREETING '" + greeting() + "' (greeting.text, imported from etcd:" + GreetingRunner.PREFIX
				+ "config/)");
		long changed = this.template.put(KEY, "hello, changed live");
		logger.info("PUT " + KEY + " = hello, changed live (revision " + changed + ")");
		boolean seen = applied(changed);
		// delete it whether or not the change arrived: the sample leaves etcd as it found
		// it
		long deleted = this.template.txn().thenDelete(KEY).commit().revision();
		logger.info("DELETE " + KEY + " (revision " + deleted + ")");
		return seen && applied(deleted);
	}

	/** Wait until a revision reached the application's configuration, and log it. */
	private boolean applied(long revision) throws InterruptedException {
		long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
		while (true) {
			EtcdConfigChangedEvent event = this.changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event == null) {
				logger.error("GREETING did not change within " + CHANGE_TIMEOUT.toSeconds() + "s of revision "
						+ revision + " (does spring.config.import read the etcd at etcd.endpoints?)");
				return false;
			}
			if (event.getRevision() >= revision) {
				logger.info("GREETING '" + greeting() + "' (etcd revision " + event.getRevision() + " changed "
						+ event.getKeys() + ")");
				return true;
			}
		}
	}

	private String greeting() {
		return this.properties.get(GreetingProperties.class).text();
	}

}
