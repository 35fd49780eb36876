package dev.etcdspring.client.listener;

import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.client.template.EtcdOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Registers watches described in code, and chooses the container factory of every watch:
 * what an {@code EtcdWatchConfigurer} is given. Endpoints registered before the
 * application context has created its singletons are held until then, so that every
 * factory bean exists; later ones are registered at once (and started, if the registry
 * runs).
 * <p>
 * A watch's container factory is, in this order: the one it is registered with, the bean
 * its endpoint names ({@link EtcdWatchEndpoint#getContainerFactory()}), the one
 * {@link #setContainerFactory set here}, the bean named
 * {@link #setContainerFactoryBeanName here}
 * ({@value EtcdWatchContainerFactory#DEFAULT_BEAN_NAME} by default), and without such a
 * bean a {@link DefaultEtcdWatchContainerFactory} with the application's unique
 * {@link EtcdOperations} and {@link EtcdWatchErrorHandler} beans.
 *
 * @since 0.1.0
 */
public class EtcdWatchEndpointRegistrar {

	private final EtcdWatchEndpointRegistry registry;

	private final BeanFactory beanFactory;

	private final List<Registration> pending = new ArrayList<>();

	private @Nullable EtcdWatchContainerFactory containerFactory;

	private String containerFactoryBeanName = EtcdWatchContainerFactory.DEFAULT_BEAN_NAME;

	private boolean registerImmediately;

	/**
	 * Create a registrar.
	 * @param registry the registry that holds the containers
	 * @param beanFactory where container factories are looked up by name
	 */
	public EtcdWatchEndpointRegistrar(EtcdWatchEndpointRegistry registry, BeanFactory beanFactory) {
		Assert.notNull(registry, "Registry must not be null");
		Assert.notNull(beanFactory, "Bean factory must not be null");
		this.registry = registry;
		this.beanFactory = beanFactory;
	}

	/**
	 * Return the registry that holds the containers.
	 * @return the registry
	 */
	public EtcdWatchEndpointRegistry getEndpointRegistry() {
		return this.registry;
	}

	/**
	 * Set the container factory of watches that name none, instead of the bean named
	 * {@link #setContainerFactoryBeanName(String)}.
	 * @param containerFactory the factory
	 */
	public synchronized void setContainerFactory(EtcdWatchContainerFactory containerFactory) {
		Assert.notNull(containerFactory, "Container factory must not be null");
		this.containerFactory = containerFactory;
	}

	/**
	 * Set the name of the factory bean of watches that name none; by default
	 * {@value EtcdWatchContainerFactory#DEFAULT_BEAN_NAME}.
	 * @param containerFactoryBeanName the bean name
	 */
	public synchronized void setContainerFactoryBeanName(String containerFactoryBeanName) {
		Assert.hasText(containerFactoryBeanName, "Container factory bean name must not be empty");
		this.containerFactoryBeanName = containerFactoryBeanName;
	}

	/**
	 * Register a watch whose container the factory its endpoint names creates, or the
	 * default one.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(EtcdWatchEndpoint endpoint) {
		registerEndpoint(endpoint, null);
	}

	/**
	 * Register a watch whose container a given factory creates.
	 * @param endpoint the endpoint
	 * @param factory the factory, or {@code null} for the one the endpoint names, or the
	 * default one
	 * @throws IllegalStateException once the registrar registers at once: when the
	 * factory cannot be found or another watch has the endpoint's id
	 */
	public void registerEndpoint(EtcdWatchEndpoint endpoint, @Nullable EtcdWatchContainerFactory factory) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		Registration registration = new Registration(endpoint, factory);
		synchronized (this) {
			if (!this.registerImmediately) {
				this.pending.add(registration);
				return;
			}
		}
		register(registration);
	}

	/**
	 * Register the endpoints held so far, and every later one at once. Called by the
	 * infrastructure once the singletons exist and the configurers have run.
	 */
	public void registerAllEndpoints() {
		List<Registration> registrations;
		synchronized (this) {
			registrations = List.copyOf(this.pending);
			this.pending.clear();
			this.registerImmediately = true;
		}
		registrations.forEach(this::register);
	}

	private void register(Registration registration) {
		EtcdWatchEndpoint endpoint = registration.endpoint();
		EtcdWatchContainerFactory factory = registration.factory();
		if (factory == null) {
			String name = endpoint.getContainerFactory();
			factory = (name != null) ? factoryBean(name, endpoint, "names the container factory")
					: defaultFactory(endpoint);
		}
		this.registry.registerListenerContainer(endpoint, factory);
	}

	private synchronized EtcdWatchContainerFactory defaultFactory(EtcdWatchEndpoint endpoint) {
		EtcdWatchContainerFactory current = this.containerFactory;
		if (current != null) {
			return current;
		}
		if (this.beanFactory.containsBean(this.containerFactoryBeanName)
				|| !this.containerFactoryBeanName.equals(EtcdWatchContainerFactory.DEFAULT_BEAN_NAME)) {
			current = factoryBean(this.containerFactoryBeanName, endpoint, "uses the default container factory");
		}
		else {
			DefaultEtcdWatchContainerFactory fallback = new DefaultEtcdWatchContainerFactory();
			this.beanFactory.getBeanProvider(EtcdOperations.class).ifUnique(fallback::setTemplate);
			fallback.setErrorHandler(this.beanFactory.getBeanProvider(EtcdWatchErrorHandler.class)
				.getIfUnique(EtcdWatchErrorHandler::logging));
			current = fallback;
		}
		this.containerFactory = current;
		return current;
	}

	private EtcdWatchContainerFactory factoryBean(String name, EtcdWatchEndpoint endpoint, String role) {
		String problem = "Etcd watch '" + endpoint.getId() + "' " + role + " '" + name + "', but ";
		Assert.state(this.beanFactory.containsBean(name), () -> problem
				+ "there is no bean of that name (define an EtcdWatchContainerFactory bean named '" + name + "')");
		Assert.state(this.beanFactory.isTypeMatch(name, EtcdWatchContainerFactory.class),
				() -> problem + "that bean is not an EtcdWatchContainerFactory (it is a "
						+ ClassUtils.getQualifiedName(this.beanFactory.getType(name, false)) + ")");
		return this.beanFactory.getBean(name, EtcdWatchContainerFactory.class);
	}

	private record Registration(EtcdWatchEndpoint endpoint, @Nullable EtcdWatchContainerFactory factory) {
	}

}
