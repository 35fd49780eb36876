package dev.etcdspring.client.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Holds the {@link EtcdWatchListenerContainer containers} of the watches: those of
 * {@code @EtcdWatch} methods, those registered through an {@code EtcdWatchConfigurer},
 * and those registered here in code. As a {@link SmartLifecycle} it starts those that
 * start automatically once the application context has been refreshed, and stops them all
 * when it closes. Look a container up by id to stop or start its watch.
 *
 * @since 0.1.0
 */
public class EtcdWatchEndpointRegistry implements SmartLifecycle, DisposableBean {

	/**
	 * The name of the registry bean that {@code @EnableEtcdWatch} registers.
	 */
	public static final String BEAN_NAME = "etcdWatchEndpointRegistry";

	private final Map<String, EtcdWatchListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create an empty registry.
	 */
	public EtcdWatchEndpointRegistry() {
	}

	/**
	 * Create a container for an endpoint with a factory and add it; if the registry runs
	 * already and the endpoint starts automatically, start it.
	 * @param endpoint the endpoint
	 * @param factory the factory that creates its container
	 * @return the container
	 * @throws IllegalStateException when another watch has the endpoint's id
	 */
	public EtcdWatchListenerContainer registerListenerContainer(EtcdWatchEndpoint endpoint,
			EtcdWatchContainerFactory factory) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		Assert.notNull(factory, "Container factory must not be null");
		EtcdWatchListenerContainer container;
		synchronized (this) {
			EtcdWatchListenerContainer existing = this.containers.get(endpoint.getId());
			Assert.state(existing == null, () -> "Another etcd watch (" + existing.getEndpoint()
					+ ") already has the id '" + endpoint.getId() + "': give each watch its own id");
			container = factory.createContainer(endpoint);
			this.containers.put(endpoint.getId(), container);
		}
		if (this.running && container.isAutoStartup()) {
			container.start();
		}
		return container;
	}

	/**
	 * Return the container of the watch with the given id.
	 * @param id the id
	 * @return the container, or {@code null} when there is no watch with that id
	 */
	public synchronized @Nullable EtcdWatchListenerContainer getListenerContainer(String id) {
		return this.containers.get(id);
	}

	/**
	 * Return every container, in the order they were registered.
	 * @return the containers
	 */
	public synchronized Collection<EtcdWatchListenerContainer> getListenerContainers() {
		return List.copyOf(this.containers.values());
	}

	/**
	 * Return the ids of every watch.
	 * @return the ids
	 */
	public synchronized Set<String> getListenerContainerIds() {
		return Set.copyOf(this.containers.keySet());
	}

	@Override
	public void start() {
		this.running = true;
		for (EtcdWatchListenerContainer container : getListenerContainers()) {
			if (container.isAutoStartup()) {
				container.start();
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		List<RuntimeException> failures = new ArrayList<>();
		for (EtcdWatchListenerContainer container : getListenerContainers()) {
			try {
				container.stop();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		if (!failures.isEmpty()) {
			RuntimeException first = failures.get(0);
			failures.subList(1, failures.size()).forEach(first::addSuppressed);
			throw first;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		// a context whose refresh failed is destroyed without being stopped
		stop();
	}

}
