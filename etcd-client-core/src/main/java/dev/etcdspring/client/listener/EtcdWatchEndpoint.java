package dev.etcdspring.client.listener;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The description of one watch: what it watches, how, and the listener it calls. It does
 * not run anything: an {@link EtcdWatchContainerFactory} turns it into an
 * {@link EtcdWatchListenerContainer}, which does. Immutable.
 * <p>
 * The annotation post-processor builds one for each {@code @EtcdWatch} method; build your
 * own with {@link #builder(String, String)} to register a watch in code, with an
 * {@code EtcdWatchConfigurer} or the {@link EtcdWatchEndpointRegistry}.
 *
 * @since 0.1.0
 */
public final class EtcdWatchEndpoint {

	private final String id;

	private final String key;

	private final boolean prefix;

	private final boolean initial;

	private final Set<WatchEvent.Type> events;

	private final boolean prevValue;

	private final boolean autoStartup;

	private final @Nullable String containerFactory;

	private final EtcdWatchEventListener listener;

	private final @Nullable String beanName;

	private final @Nullable Method method;

	private EtcdWatchEndpoint(Builder builder, EtcdWatchEventListener listener) {
		this.id = builder.id;
		this.key = builder.key;
		this.prefix = builder.prefix;
		this.initial = builder.initial;
		this.events = Collections.unmodifiableSet(EnumSet.copyOf(builder.events));
		this.prevValue = builder.prevValue;
		this.autoStartup = builder.autoStartup;
		this.containerFactory = builder.containerFactory;
		this.listener = listener;
		this.beanName = builder.beanName;
		this.method = builder.method;
	}

	/**
	 * Start describing a watch that delivers puts and deletes of one key, from now on,
	 * started with the application context, by the default container factory.
	 * @param id the id, unique in the registry
	 * @param key the key (or with {@link Builder#prefix(boolean)} the prefix), relative
	 * to the template's namespace
	 * @return the builder
	 */
	public static Builder builder(String id, String key) {
		return new Builder(id, key);
	}

	/**
	 * Return the id, unique in the registry.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the key or prefix watched, relative to the template's namespace.
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
	 * Whether the current state is delivered first, as puts.
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
	 * Whether the registry starts the watch when the application context starts.
	 * @return whether the watch starts automatically
	 */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Return the name of the {@link EtcdWatchContainerFactory} bean that creates the
	 * watch's container.
	 * @return the bean name, or {@code null} for the default factory
	 */
	public @Nullable String getContainerFactory() {
		return this.containerFactory;
	}

	/**
	 * Return the listener the watch calls.
	 * @return the listener
	 */
	public EtcdWatchEventListener getListener() {
		return this.listener;
	}

	/**
	 * Return the name of the bean whose method the listener calls.
	 * @return the bean name, or {@code null} for a listener that is not a bean method
	 */
	public @Nullable String getBeanName() {
		return this.beanName;
	}

	/**
	 * Return the method the listener calls, as declared on the bean's class.
	 * @return the method, or {@code null} for a listener that is not a bean method
	 */
	public @Nullable Method getMethod() {
		return this.method;
	}

	@Override
	public String toString() {
		String target = (this.method != null)
				? "method=" + this.method.getDeclaringClass().getName() + "." + this.method.getName()
				: "listener=" + this.listener;
		return "EtcdWatchEndpoint[id=" + this.id + ", " + (this.prefix ? "prefix=" : "key=") + this.key + ", " + target
				+ "]";
	}

	/**
	 * Builds an {@link EtcdWatchEndpoint}; only the listener is required beyond the id
	 * and key.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String id;

		private final String key;

		private boolean prefix;

		private boolean initial;

		private Set<WatchEvent.Type> events = EnumSet.allOf(WatchEvent.Type.class);

		private boolean prevValue;

		private boolean autoStartup = true;

		private @Nullable String containerFactory;

		private @Nullable EtcdWatchEventListener listener;

		private @Nullable String beanName;

		private @Nullable Method method;

		private Builder(String id, String key) {
			Assert.hasText(id, "Id must not be empty");
			Assert.hasLength(key, "Key must not be empty");
			this.id = id;
			this.key = key;
		}

		/**
		 * Set whether the key is a prefix: every key that starts with it is watched.
		 * @param prefix whether the key is a prefix
		 * @return this builder
		 */
		public Builder prefix(boolean prefix) {
			this.prefix = prefix;
			return this;
		}

		/**
		 * Set whether the current value(s) are delivered first, as puts: they are read at
		 * a revision R, then changes from R + 1 on follow, with no gap.
		 * @param initial whether the current state is delivered first
		 * @return this builder
		 */
		public Builder initial(boolean initial) {
			this.initial = initial;
			return this;
		}

		/**
		 * Deliver only these kinds of change (by default both).
		 * @param types the kinds of change to deliver
		 * @return this builder
		 */
		public Builder events(WatchEvent.Type... types) {
			Assert.notEmpty(types, "At least one event type must be given: nothing would be delivered");
			this.events = EnumSet.copyOf(Arrays.asList(types));
			return this;
		}

		/**
		 * Set whether events carry the previous value of the key
		 * ({@link WatchEvent#prevKv()}).
		 * @param prevValue whether previous values are asked for
		 * @return this builder
		 */
		public Builder prevValue(boolean prevValue) {
			this.prevValue = prevValue;
			return this;
		}

		/**
		 * Set whether the registry starts the watch with the application context (by
		 * default it does); when not, start it through the registry.
		 * @param autoStartup whether the watch starts automatically
		 * @return this builder
		 */
		public Builder autoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
			return this;
		}

		/**
		 * Have the container created by the {@link EtcdWatchContainerFactory} bean of
		 * this name instead of the default one.
		 * @param containerFactory the bean name; {@code null} or empty for the default
		 * @return this builder
		 */
		public Builder containerFactory(@Nullable String containerFactory) {
			this.containerFactory = (containerFactory != null && !containerFactory.isEmpty()) ? containerFactory : null;
			return this;
		}

		/**
		 * Set the listener to call for each change.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(EtcdWatchEventListener listener) {
			Assert.notNull(listener, "Listener must not be null");
			this.listener = listener;
			return this;
		}

		/**
		 * Name the bean method the listener calls, for messages and for
		 * {@link EtcdWatchEndpoint#getMethod()}.
		 * @param beanName the name of the bean
		 * @param method the method, as declared on the bean's class
		 * @return this builder
		 */
		public Builder method(String beanName, Method method) {
			this.beanName = beanName;
			this.method = method;
			return this;
		}

		/**
		 * Build the endpoint.
		 * @return the endpoint
		 * @throws IllegalStateException when no listener was set
		 * @throws IllegalArgumentException when the initial state is asked for but puts
		 * are not delivered
		 */
		public EtcdWatchEndpoint build() {
			EtcdWatchEventListener target = this.listener;
			Assert.state(target != null, () -> "Etcd watch '" + this.id + "' has no listener");
			Assert.isTrue(!this.initial || this.events.contains(WatchEvent.Type.PUT), () -> "Etcd watch '" + this.id
					+ "' delivers the initial state, which consists of puts, " + "but its events leave out PUT");
			return new EtcdWatchEndpoint(this, target);
		}

	}

}
