package dev.etcdspring.client.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.etcdspring.client.template.EtcdOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Holds the watches of {@link dev.etcdspring.client.annotation.EtcdWatch @EtcdWatch}
 * methods, which the {@link EtcdWatchAnnotationBeanPostProcessor} registers. As a
 * {@link SmartLifecycle} it starts those that start automatically once the application
 * context has been refreshed, and stops them all when it closes. Look a watch up by id to
 * stop or start it.
 *
 * @since 0.1.0
 */
public class EtcdWatchEndpointRegistry implements SmartLifecycle, DisposableBean {

	/**
	 * The name of the registry bean that {@code @EnableEtcdWatch} registers.
	 */
	public static final String BEAN_NAME = "etcdWatchEndpointRegistry";

	private final ObjectProvider<EtcdOperations> templates;

	private final ObjectProvider<EtcdWatchErrorHandler> errorHandlers;

	private final Map<String, EtcdWatchEndpoint> endpoints = new LinkedHashMap<>();

	private volatile @Nullable EtcdOperations template;

	private volatile @Nullable EtcdWatchErrorHandler errorHandler;

	private volatile boolean running;

	/**
	 * Create a registry.
	 * @param templates the template the watches use (the unique or primary one)
	 * @param errorHandlers the handler of failed calls; when there is none the failures
	 * are {@link EtcdWatchErrorHandler#logging() logged}
	 */
	public EtcdWatchEndpointRegistry(ObjectProvider<EtcdOperations> templates,
			ObjectProvider<EtcdWatchErrorHandler> errorHandlers) {
		this.templates = templates;
		this.errorHandlers = errorHandlers;
	}

	/**
	 * Return the watch with the given id.
	 * @param id the id
	 * @return the watch, or {@code null} when there is none with that id
	 */
	public synchronized @Nullable EtcdWatchEndpoint getEndpoint(String id) {
		return this.endpoints.get(id);
	}

	/**
	 * Return every watch, in the order they were registered.
	 * @return the watches
	 */
	public synchronized Collection<EtcdWatchEndpoint> getEndpoints() {
		return List.copyOf(this.endpoints.values());
	}

	/**
	 * Return the ids of every watch.
	 * @return the ids
	 */
	public synchronized Set<String> getEndpointIds() {
		return Set.copyOf(this.endpoints.keySet());
	}

	/**
	 * Add a watch; if the registry runs already and the watch starts automatically, start
	 * it.
	 * @param endpoint the watch
	 */
	void register(EtcdWatchEndpoint endpoint) {
		synchronized (this) {
			EtcdWatchEndpoint existing = this.endpoints.putIfAbsent(endpoint.getId(), endpoint);
			Assert.state(existing == null, () -> "Another @EtcdWatch (" + existing + ") already has the id '"
					+ endpoint.getId() + "': give each watch its own id");
		}
		if (this.running && endpoint.isAutoStartup()) {
			endpoint.start();
		}
	}

	@Override
	public void start() {
		this.running = true;
		for (EtcdWatchEndpoint endpoint : getEndpoints()) {
			if (endpoint.isAutoStartup()) {
				endpoint.start();
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		List<RuntimeException> failures = new ArrayList<>();
		for (EtcdWatchEndpoint endpoint : getEndpoints()) {
			try {
				endpoint.stop();
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

	/**
	 * Return the template the watches use.
	 * @return the template
	 * @throws IllegalStateException when there is no unique template
	 */
	EtcdOperations template() {
		EtcdOperations current = this.template;
		if (current == null) {
			current = this.templates.getIfUnique();
			Assert.state(current != null,
					() -> "@EtcdWatch methods need an EtcdOperations bean (exactly one, or one marked @Primary) "
							+ "but there is none that is unique; watches: " + getEndpointIds());
			this.template = current;
		}
		return current;
	}

	EtcdWatchErrorHandler errorHandler() {
		EtcdWatchErrorHandler current = this.errorHandler;
		if (current == null) {
			current = this.errorHandlers.getIfUnique(EtcdWatchErrorHandler::logging);
			this.errorHandler = current;
		}
		return current;
	}

}
