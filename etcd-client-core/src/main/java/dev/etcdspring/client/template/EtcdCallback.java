package dev.etcdspring.client.template;

import dev.etcdspring.client.EtcdClient;

/**
 * Code that works with the {@link EtcdClient} directly, through
 * {@link EtcdTemplate#execute(EtcdCallback)}.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface EtcdCallback<T> {

	/**
	 * Work with the client.
	 * @param client the template's client
	 * @return a result
	 */
	T doInEtcd(EtcdClient client);

}
