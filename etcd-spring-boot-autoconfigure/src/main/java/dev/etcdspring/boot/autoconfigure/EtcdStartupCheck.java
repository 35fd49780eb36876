package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdServerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Talks to etcd once as the application starts, when asked to: with credentials, so that
 * wrong ones fail startup with a clear message instead of every later request; and with
 * {@code etcd.startup.fail-fast}, so that an application that cannot work without etcd
 * does not start without it. Bounded by {@code etcd.startup.timeout}, and it says what it
 * waits for. It runs as the context starts, before the web server and the
 * {@code @EtcdWatch} methods, not while beans are created: creating a bean never talks to
 * the network.
 */
final class EtcdStartupCheck implements SmartLifecycle {

	/**
	 * Before the web server and the watch registry (both near the default phase), with
	 * room before it for lifecycles that must start even earlier.
	 */
	static final int PHASE = Integer.MIN_VALUE + 1000;

	/** After this long the wait is logged, so that a slow startup is explained. */
	private static final Duration QUIET_WAIT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(EtcdStartupCheck.class);

	private final EtcdClient client;

	private final boolean credentials;

	private final boolean failFast;

	private final Duration timeout;

	private volatile boolean running;

	EtcdStartupCheck(EtcdClient client, boolean credentials, boolean failFast, Duration timeout) {
		this.client = client;
		this.credentials = credentials;
		this.failFast = failFast;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
		if (this.credentials || this.failFast) {
			check();
		}
	}

	private void check() {
		CompletableFuture<?> status = CompletableFuture.supplyAsync(this.client.cluster()::status, (task) -> {
			Thread thread = new Thread(task, "etcd-startup-check");
			thread.setDaemon(true);
			thread.start();
		});
		try {
			await(status);
		}
		catch (TimeoutException ex) {
			unreachable("no member answered within " + this.timeout.toMillis() + " ms (etcd.startup.timeout)", null);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof EtcdException failure) {
				checked(failure);
			}
			else {
				throw new IllegalStateException("etcd startup check failed", ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for etcd at " + this.client.endpoints(), ex);
		}
	}

	private void await(CompletableFuture<?> status) throws InterruptedException, ExecutionException, TimeoutException {
		long quietMillis = Math.min(QUIET_WAIT.toMillis(), this.timeout.toMillis());
		try {
			status.get(quietMillis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.info("Waiting for etcd at " + this.client.endpoints() + " to answer, for at most "
					+ this.timeout.toMillis() + " ms (etcd.startup.timeout)"
					+ (this.failFast ? "; startup fails then (etcd.startup.fail-fast)" : ""));
			status.get(this.timeout.toMillis() - quietMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void checked(EtcdException failure) {
		// with authentication disabled, every request would fail the same way
		if (failure instanceof EtcdAuthenticationException || failure instanceof EtcdPermissionDeniedException
				|| (failure instanceof EtcdServerException server && server.getError() == EtcdError.AUTH_NOT_ENABLED)) {
			throw failure;
		}
		unreachable(failure.getMessage(), failure);
	}

	private void unreachable(String reason, EtcdException failure) {
		if (this.failFast) {
			throw new EtcdStartupException(this.client.endpoints(), reason, failure);
		}
		String what = this.credentials ? "Could not check the etcd credentials at startup" : "etcd did not answer";
		logger.warn(what + " at " + this.client.endpoints() + ": " + reason
				+ "; the application starts, and etcd will be tried again on the first request");
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
