package dev.etcdspring.client.listener;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdWatchSpec;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The watch of one {@link dev.etcdspring.client.annotation.EtcdWatch @EtcdWatch}
 * annotation: what it watches, the method it calls, and whether it runs. Obtain it from
 * the {@link EtcdWatchEndpointRegistry}; {@link #stop()} and {@link #start()} it to pause
 * and resume it (a restarted watch delivers the changes after its start, not those it
 * missed while stopped).
 *
 * @since 0.1.0
 */
public final class EtcdWatchEndpoint {

	private static final Log logger = LogFactory.getLog(EtcdWatchEndpoint.class);

	private final String id;

	private final String beanName;

	private final Method method;

	private final String key;

	private final boolean prefix;

	private final boolean initial;

	private final Set<WatchEvent.Type> events;

	private final boolean prevValue;

	private final boolean autoStartup;

	private final EtcdWatchMethod target;

	private final EtcdWatchEndpointRegistry registry;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable Watch watch;

	private @Nullable Delivery delivery;

	EtcdWatchEndpoint(String id, String beanName, Method method, String key, boolean prefix, boolean initial,
			Set<WatchEvent.Type> events, boolean prevValue, boolean autoStartup, EtcdWatchMethod target,
			EtcdWatchEndpointRegistry registry) {
		this.id = id;
		this.beanName = beanName;
		this.method = method;
		this.key = key;
		this.prefix = prefix;
		this.initial = initial;
		this.events = Collections.unmodifiableSet(EnumSet.copyOf(events));
		this.prevValue = prevValue || target.needsPrevKv();
		this.autoStartup = autoStartup;
		this.target = target;
		this.registry = registry;
	}

	/**
	 * Start watching, unless the watch runs already. Every change after this returns is
	 * delivered (with {@link #isInitial() initial}, the current state first), unless etcd
	 * cannot be reached, or does not tell its current revision within the client's watch
	 * start timeout: then the watch starts from the first revision it sees once
	 * connected, and this returns without waiting longer.
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (isRunning()) {
				return;
			}
			stop();
			EtcdOperations template = this.registry.template();
			EtcdWatchSpec spec = template.watch(this.key)
				.events(this.events.toArray(WatchEvent.Type[]::new))
				// a method keeps being called after a compaction: it gets the current
				// state
				.resyncOnCompaction();
			if (this.prefix) {
				spec.prefix();
			}
			if (this.prevValue) {
				spec.withPrevValue();
			}
			if (this.initial) {
				spec.withInitialState();
			}
			Delivery started = new Delivery(template);
			this.watch = spec.subscribe(started);
			this.delivery = started;
			logger.debug("Started etcd watch '" + this.id + "' of " + (this.prefix ? "prefix '" : "key '") + this.key
					+ "' in namespace '" + template.getNamespace() + "'");
		}
	}

	/**
	 * Stop watching; the method is not called any more once this returns.
	 */
	public void stop() {
		Watch running;
		synchronized (this.lifecycleMonitor) {
			Delivery current = this.delivery;
			if (current != null) {
				current.active = false;
			}
			running = this.watch;
			this.delivery = null;
			this.watch = null;
		}
		if (running != null) {
			// outside the monitor: close() waits for a call in progress, which may itself
			// stop or start this watch
			running.close();
		}
	}

	/**
	 * Whether the watch runs: started, not stopped, and not ended by a compaction.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		Watch running = this.watch;
		return running != null && running.isActive();
	}

	/**
	 * Return the id, unique in the registry.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the name of the bean whose method is called.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * Return the annotated method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Return the key or prefix watched, placeholders resolved, relative to the template's
	 * namespace.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Whether the key is a prefix.
	 * @return whether the key is a prefix
	 */
	public boolean isPrefix() {
		return this.prefix;
	}

	/**
	 * Whether the current state is delivered first.
	 * @return whether the current state is delivered first
	 */
	public boolean isInitial() {
		return this.initial;
	}

	/**
	 * Return the kinds of change delivered.
	 * @return the event types
	 */
	public Set<WatchEvent.Type> getEvents() {
		return this.events;
	}

	/**
	 * Whether events carry previous values.
	 * @return whether previous values are asked for
	 */
	public boolean isPrevValue() {
		return this.prevValue;
	}

	/**
	 * Whether the registry starts this watch when the application context starts.
	 * @return whether the watch starts automatically
	 */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public String toString() {
		return "EtcdWatchEndpoint[id=" + this.id + ", " + (this.prefix ? "prefix=" : "key=") + this.key + ", method="
				+ this.method.getDeclaringClass().getName() + "." + this.method.getName() + "]";
	}

	/**
	 * Calls the method for each change of one run of the watch.
	 */
	private final class Delivery implements WatchListener {

		private final EtcdOperations template;

		/**
		 * The keys the method was told exist (puts minus deletes), for a method that
		 * takes both: after a compaction, the snapshot that follows shows which of them
		 * were deleted in the lost history, and the method gets a DELETE for each, so
		 * that state it keeps from its calls matches etcd again. Touched only by the
		 * watch's deliveries, one at a time.
		 */
		private final @Nullable Set<ByteBuffer> present;

		private volatile boolean active = true;

		Delivery(EtcdOperations template) {
			this.template = template;
			this.present = EtcdWatchEndpoint.this.events.containsAll(EnumSet.allOf(WatchEvent.Type.class))
					? new HashSet<>() : null;
		}

		@Override
		public void onSnapshot(long revision, List<KeyValue> kvs) {
			if (this.present != null && !this.present.isEmpty()) {
				Set<ByteBuffer> current = new HashSet<>();
				kvs.forEach((kv) -> current.add(ByteBuffer.wrap(kv.key())));
				List<byte[]> deleted = this.present.stream()
					.filter((key) -> !current.contains(key))
					.map(ByteBuffer::array)
					.sorted(Arrays::compareUnsigned)
					.toList();
				for (byte[] key : deleted) {
					// etcd compacted the delete itself away: its revision is at most this
					// one
					onEvent(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, revision, 0, 0),
							null));
				}
			}
			WatchListener.super.onSnapshot(revision, kvs);
		}

		@Override
		public void onEvent(WatchEvent event) {
			if (!this.active) {
				return;
			}
			track(event);
			// events of an initial snapshot are puts, whatever the filters
			if (!EtcdWatchEndpoint.this.events.contains(event.type())) {
				return;
			}
			try {
				EtcdWatchEndpoint.this.target.invoke(event, this.template);
			}
			catch (Exception ex) {
				handleFailure(ex, event);
			}
		}

		private void track(WatchEvent event) {
			if (this.present == null) {
				return;
			}
			ByteBuffer key = ByteBuffer.wrap(event.kv().key());
			if (event.type() == WatchEvent.Type.PUT) {
				this.present.add(key);
			}
			else {
				this.present.remove(key);
			}
		}

		@Override
		public void onCompacted(long compactRevision) {
			logger.warn("etcd watch '" + EtcdWatchEndpoint.this.id + "' needed history that was compacted at revision "
					+ compactRevision + "; its method gets the current values"
					+ ((this.present != null) ? ", and a DELETE for each key deleted meanwhile" : ""));
		}

		@Override
		public void onCancelled(EtcdException cause) {
			logger.error("etcd refused watch '" + EtcdWatchEndpoint.this.id + "' on " + EtcdWatchEndpoint.this.key
					+ "; its method will not be called: " + cause.getMessage());
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			logger.debug("etcd watch '" + EtcdWatchEndpoint.this.id + "' lost its stream; it resumes", cause);
		}

		private void handleFailure(Exception failure, WatchEvent event) {
			try {
				EtcdWatchEndpoint.this.registry.errorHandler().handle(failure, event, EtcdWatchEndpoint.this.id);
			}
			catch (RuntimeException ex) {
				ex.addSuppressed(failure);
				logger.error(
						"Error handler of etcd watch '" + EtcdWatchEndpoint.this.id + "' failed; the watch goes on",
						ex);
			}
		}

	}

}
