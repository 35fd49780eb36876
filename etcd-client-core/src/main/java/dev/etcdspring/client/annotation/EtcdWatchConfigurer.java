package dev.etcdspring.client.annotation;

import dev.etcdspring.client.listener.EtcdWatchEndpoint;
import dev.etcdspring.client.listener.EtcdWatchEndpointRegistrar;

/**
 * Implemented by beans that register watches in code, or choose the container factory of
 * the {@link EtcdWatch @EtcdWatch} methods, the way {@code KafkaListenerConfigurer} does
 * for {@code @KafkaListener}: <pre class="code">
 * &#64;Bean
 * EtcdWatchConfigurer flagWatches(FlagStore flags) {
 * 	return (registrar) -&gt; registrar.registerEndpoint(EtcdWatchEndpoint.builder("flags", "/flags/")
 * 		.prefix(true)
 * 		.listener((event, template) -&gt; flags.apply(event))
 * 		.build());
 * }
 * </pre>
 * <p>
 * Called once the singletons exist, in {@link org.springframework.core.Ordered order},
 * before any watch has a container: the watches registered here start with those of the
 * annotated methods.
 *
 * @since 0.1.0
 * @see EtcdWatchEndpoint
 */
@FunctionalInterface
public interface EtcdWatchConfigurer {

	/**
	 * Register watches, or set the default container factory.
	 * @param registrar the registrar
	 */
	void configureEtcdWatches(EtcdWatchEndpointRegistrar registrar);

}
