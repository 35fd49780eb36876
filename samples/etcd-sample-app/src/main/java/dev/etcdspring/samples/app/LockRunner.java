package dev.etcdspring.samples.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.exception.EtcdException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Takes a distributed lock, as {@code etcdctl lock /locks/sample-report} would, does its
 * work while holding it, and releases it; each step is one log line. Another instance
 * holding the lock makes this one skip the work.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class LockRunner implements ApplicationRunner {

	static final String LOCK = "/locks/sample-report";

	private static final Log logger = LogFactory.getLog(LockRunner.class);

	private final EtcdClient client;

	LockRunner(EtcdClient client) {
		this.client = client;
	}

	@Override
	public void run(ApplicationArguments args) {
		// a lease kept alive: the lock is freed 15 s after this process dies
		try (EtcdSession session = EtcdSession.create(this.client, Duration.ofSeconds(15))) {
			EtcdLock lock = session.lock(LOCK);
			if (!lock.tryLock(1, TimeUnit.SECONDS)) {
				logger.info("LOCK " + LOCK + " is held by another instance: skipping the report");
				return;
			}
			try {
				logger.info("LOCK " + LOCK + " held (fencing token " + lock.fencingToken() + ")");
			}
			finally {
				lock.unlock();
				logger.info("UNLOCK " + LOCK);
			}
		}
		catch (EtcdException ex) {
			// the message names the member and the failure: a stack trace adds nothing
			logger.error("Lock sample stopped: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
