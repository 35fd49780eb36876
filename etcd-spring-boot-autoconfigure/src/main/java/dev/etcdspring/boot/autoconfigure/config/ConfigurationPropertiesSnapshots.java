package dev.etcdspring.boot.autoconfigure.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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

	/** Serializes refreshes; taken before any bean's monitor. */
	private final Object refreshLock = new Object();

	/**
	 * Written while a refresh replaces the property sources and binds, read while a
	 * snapshot is bound here: no snapshot is bound from half a refresh. Never held while
	 * a bean's monitor is taken, so a reader that locks a bean may call {@link #get}
	 * without risk of deadlock.
	 */
	private final ReentrantReadWriteLock bindingLock = new ReentrantReadWriteLock();

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
		this.bindingLock.readLock().lock();
		try {
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
			// a refresh that ran meanwhile has the newer instance
			Object raced = this.snapshots.putIfAbsent(beanName, snapshot);
			return (raced != null) ? raced : snapshot;
		}
		finally {
			this.bindingLock.readLock().unlock();
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

	Object refreshLock() {
		return this.refreshLock;
	}

	Lock bindingLock() {
		return this.bindingLock.writeLock();
	}

	PropertiesBinder binder() {
		return this.binder;
	}

	/** A refresh bound a bean anew: its fresh instance is the snapshot from now on. */
	void refreshed(String beanName, Object fresh) {
		Assert.state(Thread.holdsLock(this.refreshLock), "Snapshots change only under the refresh lock");
		this.snapshots.put(beanName, fresh);
	}

}
