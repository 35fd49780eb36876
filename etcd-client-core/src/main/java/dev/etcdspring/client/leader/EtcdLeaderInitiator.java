package dev.etcdspring.client.leader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.Compare;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

/**
 * Campaigns in an etcd election while the application runs, on a thread of its own, and
 * tells the application when it leads: {@link EtcdLeaderListener}s are called and
 * {@link EtcdLeaderGrantedEvent} and {@link EtcdLeaderRevokedEvent} are published. The
 * election is in the layout of {@code etcdctl elect}: {@code etcdctl elect -l NAME} shows
 * the leader's value.
 * <p>
 * The candidacy hangs on an {@link dev.etcdspring.client.concurrency.EtcdSession}, a
 * lease of {@link #setTtl(Duration) the TTL} kept alive. When the session is lost (etcd
 * could not be reached for two thirds of the TTL, or its lease was revoked) leadership is
 * revoked before another candidate can be elected; the initiator then creates a new
 * session and campaigns again. A process that dies or is cut off loses leadership within
 * the TTL. The leader gives leadership up with
 * {@link EtcdLeaderContext#yieldLeadership()} and campaigns again after
 * {@link #setRetryDelay(Duration) the retry delay}. {@link #stop()} resigns and stops
 * campaigning.
 *
 * @since 0.1.0
 */
public final class EtcdLeaderInitiator implements SmartLifecycle, ApplicationEventPublisherAware {

	/**
	 * The TTL when none is set: long enough for a renewal to ride out a frozen member
	 * with the client's default 10 s request timeout.
	 * @since 0.1.0
	 */
	public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

	/** Late, as Spring Integration's initiators: campaign once the rest has started. */
	private static final int DEFAULT_PHASE = Integer.MAX_VALUE - 1000;

	private static final Log logger = LogFactory.getLog(EtcdLeaderInitiator.class);

	private final EtcdClient client;

	private final String name;

	private final EtcdLeaderContext context = new EtcdLeaderContext(this);

	private final List<EtcdLeaderListener> listeners = new CopyOnWriteArrayList<>();

	private final Object lifecycleMonitor = new Object();

	private volatile String value = defaultValue();

	private volatile Duration ttl = DEFAULT_TTL;

	private volatile Duration retryDelay = Duration.ofSeconds(1);

	private boolean autoStartup = true;

	private int phase = DEFAULT_PHASE;

	private @Nullable ApplicationEventPublisher eventPublisher;

	private volatile @Nullable CampaignLoop loop;

	/**
	 * Create an initiator for the given election.
	 * @param client the client to talk to etcd with
	 * @param name the election's name, as given to {@code etcdctl elect}
	 * @since 0.1.0
	 */
	public EtcdLeaderInitiator(EtcdClient client, String name) {
		if (client == null) {
			throw new IllegalArgumentException("EtcdClient must not be null");
		}
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("etcd election name must not be null or empty");
		}
		this.client = client;
		this.name = name;
	}

	/**
	 * Set the value to campaign with, shown to everyone as the leader's while this
	 * process leads. Default: {@code host:pid}.
	 * @param value the value
	 * @since 0.1.0
	 */
	public void setValue(String value) {
		if (value == null) {
			throw new IllegalArgumentException("Election value must not be null");
		}
		this.value = value;
	}

	/**
	 * Set the TTL of the candidacy's lease: how long after this process dies or loses
	 * etcd another candidate is elected. Takes effect at the next session.
	 * @param ttl the TTL, whole seconds
	 * @since 0.1.0
	 */
	public void setTtl(Duration ttl) {
		if (ttl == null || ttl.isZero() || ttl.isNegative()) {
			throw new IllegalArgumentException("Election TTL must be positive, was " + ttl);
		}
		this.ttl = ttl;
	}

	/**
	 * Set how long to wait before campaigning again after yielding, and after a failure
	 * (times the number of failures in a row, up to ten).
	 * @param retryDelay the delay
	 * @since 0.1.0
	 */
	public void setRetryDelay(Duration retryDelay) {
		if (retryDelay == null || retryDelay.isNegative()) {
			throw new IllegalArgumentException("Retry delay must not be negative, was " + retryDelay);
		}
		this.retryDelay = retryDelay;
	}

	/**
	 * Add a listener to tell of leadership.
	 * @param listener the listener
	 * @since 0.1.0
	 */
	public void addListener(EtcdLeaderListener listener) {
		if (listener == null) {
			throw new IllegalArgumentException("EtcdLeaderListener must not be null");
		}
		this.listeners.add(listener);
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Set whether the initiator starts with the application context (default
	 * {@code true}).
	 * @param autoStartup whether to start automatically
	 * @since 0.1.0
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set the lifecycle phase; by default late, so that the application is up before it
	 * may lead.
	 * @param phase the phase
	 * @since 0.1.0
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Start campaigning, on a thread of its own. Returns at once.
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.loop == null) {
				CampaignLoop started = new CampaignLoop(this, this.client, this.value);
				this.loop = started;
				started.start();
			}
		}
	}

	/**
	 * Stop campaigning; a leader resigns (its listeners are told that leadership was
	 * revoked). Waits for that at most the TTL: after it, etcd has expired the lease.
	 */
	@Override
	public void stop() {
		CampaignLoop stopping;
		synchronized (this.lifecycleMonitor) {
			stopping = this.loop;
			this.loop = null;
		}
		if (stopping != null) {
			stopping.stop(this.ttl);
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	/**
	 * Whether this process leads the election, as far as it knows.
	 * @return whether it is the leader
	 * @since 0.1.0
	 */
	public boolean isLeader() {
		CampaignLoop current = this.loop;
		return current != null && current.isLeader();
	}

	/**
	 * Return the handle to the leadership, valid whether this process leads or not.
	 * @return the context
	 * @since 0.1.0
	 */
	public EtcdLeaderContext getContext() {
		return this.context;
	}

	/**
	 * Return the election's name.
	 * @return the name
	 * @since 0.1.0
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the value this process campaigns with.
	 * @return the value
	 * @since 0.1.0
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return the TTL of the candidacy's lease.
	 * @return the TTL
	 * @since 0.1.0
	 */
	public Duration getTtl() {
		return this.ttl;
	}

	/**
	 * Return the pause before campaigning again after yielding or a failure.
	 * @return the delay
	 * @since 0.1.0
	 */
	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	Compare leaderCondition() {
		CampaignLoop current = this.loop;
		if (current == null) {
			throw new IllegalStateException("This process does not lead etcd election '" + this.name + "'");
		}
		return current.leaderCondition();
	}

	void yieldLeadership() {
		CampaignLoop current = this.loop;
		if (current != null) {
			current.yieldLeadership();
		}
	}

	void granted() {
		logger.info("Leadership of etcd election '" + this.name + "' granted to " + this.value);
		tell((listener) -> listener.onGranted(this.context), new EtcdLeaderGrantedEvent(this, this.context));
	}

	void revoked(String reason) {
		logger.info("Leadership of etcd election '" + this.name + "' revoked from " + this.value + ": " + reason);
		tell((listener) -> listener.onRevoked(this.context), new EtcdLeaderRevokedEvent(this, this.context));
	}

	private void tell(Consumer<EtcdLeaderListener> call, EtcdLeaderEvent event) {
		for (EtcdLeaderListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.error("Leader listener " + listener + " of etcd election '" + this.name + "' failed", ex);
			}
		}
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			try {
				publisher.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of " + event + " failed", ex);
			}
		}
	}

	private static String defaultValue() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + ":" + ProcessHandle.current().pid();
	}

	@Override
	public String toString() {
		return "EtcdLeaderInitiator[name=" + this.name + ", value=" + this.value + ", leader=" + isLeader() + "]";
	}

}
