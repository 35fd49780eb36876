package dev.etcdspring.client.listener;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls an endpoint's listener for each change of one run of its container's watch, on
 * the container's executor if it has one, and passes failures to the error handler.
 */
final class ContainerDelivery implements WatchListener {

	private static final Log logger = LogFactory.getLog(EtcdWatchListenerContainer.class);

	private final EtcdWatchEndpoint endpoint;

	private final EtcdOperations template;

	private final @Nullable Executor executor;

	private final EtcdWatchErrorHandler errorHandler;

	private volatile boolean active = true;

	/** The thread calling the listener, while it does. */
	private volatile @Nullable Thread callingThread;

	/** The watch to close once the call in progress returns: it stopped the container. */
	private volatile @Nullable Watch closeAfterCall;

	ContainerDelivery(EtcdWatchEndpoint endpoint, EtcdOperations template, @Nullable Executor executor,
			EtcdWatchErrorHandler errorHandler) {
		this.endpoint = endpoint;
		this.template = template;
		this.executor = executor;
		this.errorHandler = errorHandler;
	}

	void deactivate() {
		this.active = false;
	}

	boolean isCallingOnThisThread() {
		return this.callingThread == Thread.currentThread();
	}

	void closeAfterCall(Watch watch) {
		this.closeAfterCall = watch;
	}

	@Override
	public void onEvent(WatchEvent event) {
		// events of an initial or resync snapshot are puts, whatever the filters
		if (!this.active || !this.endpoint.getEvents().contains(event.type())) {
			return;
		}
		if (this.executor == null) {
			call(event);
		}
		else {
			callOnExecutor(this.executor, event);
		}
		Watch toClose = this.closeAfterCall;
		if (toClose != null) {
			this.closeAfterCall = null;
			// on the watch's delivery thread: close() does not wait for itself
			toClose.close();
		}
	}

	/**
	 * Call the listener on the executor and wait for the call to end: the next change
	 * must not overtake this one, a slow listener must slow its own watch down (which
	 * then pauses and catches up from etcd's history), and closing the watch must wait
	 * for the call in progress.
	 */
	private void callOnExecutor(Executor executor, WatchEvent event) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		try {
			executor.execute(() -> {
				try {
					call(event);
				}
				finally {
					done.complete(null);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			handleFailure(ex, event);
			return;
		}
		done.join();
	}

	private void call(WatchEvent event) {
		// a call queued on the executor before the container stopped must not run
		if (!this.active) {
			return;
		}
		this.callingThread = Thread.currentThread();
		try {
			this.endpoint.getListener().onEvent(event, this.template);
		}
		catch (Exception ex) {
			handleFailure(ex, event);
		}
		finally {
			this.callingThread = null;
		}
	}

	@Override
	public void onCompacted(long compactRevision) {
		boolean deletes = this.endpoint.getEvents().containsAll(EnumSet.allOf(WatchEvent.Type.class));
		logger.warn("etcd watch '" + this.endpoint.getId() + "' needed history that was compacted at revision "
				+ compactRevision + "; its listener gets the current values"
				+ (deletes ? ", and a DELETE for each key deleted meanwhile" : ""));
	}

	@Override
	public void onCancelled(EtcdException cause) {
		logger.error("etcd refused watch '" + this.endpoint.getId() + "' on " + this.endpoint.getKey()
				+ "; its listener will not be called: " + cause.getMessage());
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		logger.debug("etcd watch '" + this.endpoint.getId() + "' lost its stream; it resumes", cause);
	}

	private void handleFailure(Exception failure, WatchEvent event) {
		try {
			this.errorHandler.handle(failure, event, this.endpoint.getId());
		}
		catch (RuntimeException ex) {
			ex.addSuppressed(failure);
			logger.error("Error handler of etcd watch '" + this.endpoint.getId() + "' failed; the watch goes on", ex);
		}
	}

}
