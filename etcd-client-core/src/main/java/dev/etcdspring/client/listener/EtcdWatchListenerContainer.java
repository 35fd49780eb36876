package dev.etcdspring.client.listener;

import java.util.concurrent.Executor;

import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdWatchSpec;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the watch of one {@link EtcdWatchEndpoint} with a template, calling its listener
 * for each change, and passing failures to an error handler. Created by an
 * {@link EtcdWatchContainerFactory}; the {@link EtcdWatchEndpointRegistry} holds it, and
 * {@link EtcdWatchEndpointRegistry#getListenerContainer(String) finds} it by id to
 * {@link #stop()} and {@link #start()} it (a restarted watch delivers the changes after
 * its start, not those it missed while stopped).
 * <p>
 * The watch resyncs after a compaction: the listener gets a DELETE for each key deleted
 * in the lost history (when it takes puts and deletes), then the current values as puts,
 * and the watch goes on.
 *
 * @since 0.1.0
 */
public class EtcdWatchListenerContainer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EtcdWatchListenerContainer.class);

	private final EtcdWatchEndpoint endpoint;

	private final EtcdOperations template;

	private final @Nullable Executor executor;

	private final EtcdWatchErrorHandler errorHandler;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable Watch watch;

	private @Nullable ContainerDelivery delivery;

	/**
	 * Create a container, not started.
	 * @param endpoint what to watch and the listener to call
	 * @param template the template to watch with: its namespace and serializer apply
	 * @param executor the executor that calls the listener, or {@code null} for the
	 * thread the client delivers on (its {@code watchExecutor}, if it has one)
	 * @param errorHandler the handler of what the listener throws
	 */
	public EtcdWatchListenerContainer(EtcdWatchEndpoint endpoint, EtcdOperations template, @Nullable Executor executor,
			EtcdWatchErrorHandler errorHandler) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		Assert.notNull(template, "Template must not be null");
		Assert.notNull(errorHandler, "Error handler must not be null");
		this.endpoint = endpoint;
		this.template = template;
		this.executor = executor;
		this.errorHandler = errorHandler;
	}

	/**
	 * Start watching, unless the watch runs already. Every change after this returns is
	 * delivered (with {@link EtcdWatchEndpoint#isInitial() initial}, the current state
	 * first), unless etcd cannot be reached, or does not tell its current revision within
	 * the client's watch start timeout: then the watch starts from the first revision it
	 * sees once connected, and this returns without waiting longer.
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (isRunning()) {
				return;
			}
			stop();
			EtcdWatchSpec spec = this.template.watch(this.endpoint.getKey())
				.events(this.endpoint.getEvents().toArray(WatchEvent.Type[]::new))
				// a listener keeps being called after a compaction: it gets the current
				// state, and a DELETE for each key that vanished
				.resyncOnCompaction();
			if (this.endpoint.isPrefix()) {
				spec.prefix();
			}
			if (this.endpoint.isPrevValue()) {
				spec.withPrevValue();
			}
			if (this.endpoint.isInitial()) {
				spec.withInitialState();
			}
			ContainerDelivery started = new ContainerDelivery(this.endpoint, this.template, this.executor,
					this.errorHandler);
			this.watch = spec.subscribe(started);
			this.delivery = started;
			logger.debug("Started etcd watch '" + this.endpoint.getId() + "' of "
					+ (this.endpoint.isPrefix() ? "prefix '" : "key '") + this.endpoint.getKey() + "' in namespace '"
					+ this.template.getNamespace() + "'");
		}
	}

	/**
	 * Stop watching; the listener is not called any more once this returns. Called by the
	 * listener itself, the watch is closed as soon as that call returns.
	 */
	@Override
	public void stop() {
		Watch running;
		ContainerDelivery stopped;
		synchronized (this.lifecycleMonitor) {
			stopped = this.delivery;
			if (stopped != null) {
				stopped.deactivate();
			}
			running = this.watch;
			this.delivery = null;
			this.watch = null;
		}
		if (running == null) {
			return;
		}
		if (stopped != null && stopped.isCallingOnThisThread()) {
			// closing waits for the call in progress, which is this one
			stopped.closeAfterCall(running);
		}
		else {
			// outside the monitor: close() waits for a call in progress, which may
			// itself stop or start this container
			running.close();
		}
	}

	/**
	 * Whether the watch runs: started, not stopped, and not ended by etcd.
	 * @return whether it runs
	 */
	@Override
	public boolean isRunning() {
		Watch running = this.watch;
		return running != null && running.isActive();
	}

	/**
	 * Whether the registry starts this container when the application context starts: the
	 * endpoint's {@link EtcdWatchEndpoint#isAutoStartup() autoStartup}.
	 * @return whether the watch starts automatically
	 */
	@Override
	public boolean isAutoStartup() {
		return this.endpoint.isAutoStartup();
	}

	/**
	 * Return the endpoint this container runs.
	 * @return the endpoint
	 */
	public EtcdWatchEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the template the watch uses.
	 * @return the template
	 */
	public EtcdOperations getTemplate() {
		return this.template;
	}

	@Override
	public String toString() {
		return "EtcdWatchListenerContainer[" + this.endpoint + ", running=" + isRunning() + "]";
	}

}
