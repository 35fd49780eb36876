package dev.etcdspring.boot.autoconfigure.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * The current values of {@code @ConfigurationProperties} beans, each as an instance bound
 * from one etcd revision that never changes afterwards: read several values from one
 * snapshot and they always belong together, without a lock. After each refresh the next
 * call returns a new instance. <pre class="code">
 * GreetingProperties greeting = snapshots.get(GreetingProperties.class);
 * return greeting.getSalutation() + ", " + greeting.getName();
 * </pre> This is the way to see refreshed values of an immutable (constructor-bound)
 * properties class, such as a record: the bean itself cannot change. A JavaBean
 * properties bean is also updated in place, under its own lock (see the README).
 *
 * @since 0.1.0
 */
public final class ConfigurationPropertiesSnapshots {

	private final ConfigurableApplicationContext context;

	private final PropertiesBinder binder;

	/** Held by each refresh, so that a snapshot is never bound from half of one. */
	private final Object lock = new Object();

	private final Map<String, Object> snapshots = new ConcurrentHashMap<>();

	private final Map<Class<?>, String> beanNames = new ConcurrentHashMap<>();

	ConfigurationPropertiesSnapshots(ConfigurableApplicationContext context) {
		this.context = context;
		this.binder = new PropertiesBinder(context);
	}

	/**
	 * Return the current values of the {@code @ConfigurationProperties} bean of a type.
	 * @param <T> the type
	 * @param type the properties class; exactly one bean must have it
	 * @return an instance that nothing changes afterwards
	 * @throws IllegalStateException when there is no such bean or more than one
	 */
	public <T> T get(Class<T> type) {
		return get(this.beanNames.computeIfAbsent(type, this::beanName), type);
	}

	/**
	 * Return the current values of a {@code @ConfigurationProperties} bean.
	 * @param <T> the type
	 * @param beanName the bean's name
	 * @param type the properties class
	 * @return an instance that nothing changes afterwards
	 * @throws IllegalStateException when the bean is not a
	 * {@code @ConfigurationProperties} bean whose class carries the annotation
	 */
	public <T> T get(String beanName, Class<T> type) {
		Object snapshot = this.snapshots.get(beanName);
		return type.cast((snapshot != null) ? snapshot : create(beanName));
	}

	private Object create(String beanName) {
		this.context.getBean(beanName);
		synchronized (this.lock) {
			Object existing = this.snapshots.get(beanName);
			if (existing != null) {
				return existing;
			}
			PropertiesBinder.Target target = this.binder.target(this.context.getBeanFactory(), beanName);
			if (target == null) {
				throw new IllegalStateException("Bean '" + beanName + "' is not a singleton whose class is annotated "
						+ "with @ConfigurationProperties");
			}
			Object snapshot = target.javaBean() ? this.binder.bindFresh(target, this.binder.binder()) : target.bean();
			this.snapshots.put(beanName, snapshot);
			return snapshot;
		}
	}

	private String beanName(Class<?> type) {
		List<String> names = Arrays.stream(this.context.getBeanNamesForType(type))
			.filter((name) -> !ScopedProxyUtils.isScopedTarget(name))
			.toList();
		if (names.size() != 1) {
			throw new IllegalStateException("Expected one @ConfigurationProperties bean of type " + type.getName()
					+ " but found " + names + ": use get(beanName, type)");
		}
		return names.get(0);
	}

	Object lock() {
		return this.lock;
	}

	PropertiesBinder binder() {
		return this.binder;
	}

	/** A refresh bound a bean anew: its fresh instance is the snapshot from now on. */
	void refreshed(String beanName, Object fresh) {
		Assert.state(Thread.holdsLock(this.lock), "Snapshots change only under the refresh lock");
		this.snapshots.put(beanName, fresh);
	}

}
