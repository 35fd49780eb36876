package dev.etcdspring.test.context;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdTls;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the endpoints of a shared local etcd to the environment, with an SSL bundle for
 * its certificates when it serves TLS, and its server or cluster to the bean factory.
 * Being a record, two customizers for the same configuration are equal, so that Spring's
 * context cache shares one context between such test classes.
 *
 * @param key the etcd configuration
 * @param endpointsProperty the property receiving the endpoints
 * @param sslBundle the name of the SSL bundle, {@code null} without TLS
 */
record LocalEtcdContextCustomizer(LocalEtcdServers.Key key, String endpointsProperty,
		@Nullable String sslBundle) implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "localEtcd";

	static final String SERVER_BEAN_NAME = "localEtcdServer";

	static final String CLUSTER_BEAN_NAME = "localEtcdCluster";

	static final String SSL_BUNDLE_PROPERTY = "etcd.ssl.bundle";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		EtcdCluster cluster = LocalEtcdServers.obtain(this.key);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(this.endpointsProperty, String.join(",", cluster.endpoints()));
		if (this.sslBundle != null) {
			addSslBundle(properties, this.sslBundle, cluster.tls());
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
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

	/**
	 * Describe the certificates as Spring Boot's PEM SSL bundle properties: file URLs,
	 * since a bare path would be looked up on the class path.
	 */
	private static void addSslBundle(Map<String, Object> properties, String name, EtcdTls tls) {
		String prefix = "spring.ssl.bundle.pem." + name + ".";
		properties.put(SSL_BUNDLE_PROPERTY, name);
		properties.put(prefix + "truststore.certificate", tls.caCertificate().toUri().toString());
		if (tls.clientCertificatesRequired()) {
			properties.put(prefix + "keystore.certificate", tls.clientCertificate().toUri().toString());
			properties.put(prefix + "keystore.private-key", tls.clientKey().toUri().toString());
		}
	}

}
