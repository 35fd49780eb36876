package dev.etcdspring.boot.autoconfigure;

import dev.etcdspring.client.EtcdClientBuilder;

/**
 * Callback to customize the {@link EtcdClientBuilder} of the auto-configured
 * {@link dev.etcdspring.client.EtcdClient}. Customizers run in
 * {@link org.springframework.core.Ordered order}, after the builder has been configured
 * from {@link EtcdConnectionDetails} and {@link EtcdProperties}, so they may override any
 * setting.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(EtcdClientBuilder builder);

}
