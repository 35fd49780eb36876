package dev.etcdspring.client.listener;

/**
 * Creates the {@link EtcdWatchListenerContainer} that runs an {@link EtcdWatchEndpoint}:
 * the place to choose, per watch, the template (namespace, serializer, client), the
 * executor that calls the listener and the error handler.
 * <p>
 * Watches use the bean named {@link #DEFAULT_BEAN_NAME} unless they name another one
 * ({@code @EtcdWatch(containerFactory = "...")},
 * {@link EtcdWatchEndpoint.Builder#containerFactory(String)}) or are registered with one
 * ({@link EtcdWatchEndpointRegistrar#registerEndpoint(EtcdWatchEndpoint, EtcdWatchContainerFactory)}).
 *
 * @since 0.1.0
 * @see DefaultEtcdWatchContainerFactory
 */
@FunctionalInterface
public interface EtcdWatchContainerFactory {

	/**
	 * The name of the factory bean that watches use unless they name another:
	 * {@value}. Spring Boot defines it; in a plain Spring application without it, watches
	 * use a {@link DefaultEtcdWatchContainerFactory} with the application's
	 * {@code EtcdOperations} and {@link EtcdWatchErrorHandler} beans.
	 */
	String DEFAULT_BEAN_NAME = "etcdWatchContainerFactory";

	/**
	 * Create a container, not started, for an endpoint. Do no I/O here: the container
	 * reaches etcd when it starts.
	 * @param endpoint the endpoint
	 * @return the container
	 */
	EtcdWatchListenerContainer createContainer(EtcdWatchEndpoint endpoint);

}
