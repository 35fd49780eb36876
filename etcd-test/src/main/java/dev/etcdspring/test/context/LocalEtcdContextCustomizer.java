package dev.etcdspring.test.context;

import java.util.Map;

import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the endpoints of a shared local etcd to the environment and its server or cluster
 * to the bean factory. Being a record, two customizers for the same configuration are
 * equal, so that Spring's context cache shares one context between such test classes.
 *
 * @param key the etcd configuration
 * @param endpointsProperty the property receiving the endpoints
 */
record LocalEtcdContextCustomizer(LocalEtcdServers.Key key, String endpointsProperty) implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "localEtcd";

	static final String SERVER_BEAN_NAME = "localEtcdServer";

	static final String CLUSTER_BEAN_NAME = "localEtcdCluster";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		EtcdCluster cluster = LocalEtcdServers.obtain(this.key);
		String endpoints = String.join(",", cluster.endpoints());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(this.endpointsProperty, endpoints)));
		// registered singletons are never destroyed with the context: the process
		// outlives
		// it, for the next context sharing it
		if (this.key.members() == 1) {
			EtcdServer server = cluster.member(0);
			context.getBeanFactory().registerSingleton(SERVER_BEAN_NAME, server);
		}
		else {
			context.getBeanFactory().registerSingleton(CLUSTER_BEAN_NAME, cluster);
		}
	}

}
