package dev.etcdspring.client.listener;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Plain Spring contexts with {@code @EnableEtcdWatch}, an {@link EtcdClient} and an
 * {@link EtcdTemplate} whose namespace is new for each context, so that tests sharing one
 * etcd do not see each other's keys.
 */
final class EtcdWatchContexts {

	private EtcdWatchContexts() {
	}

	/**
	 * Return a namespace no other test uses.
	 * @return the namespace
	 */
	static String newNamespace() {
		return "/test-" + UUID.randomUUID();
	}

	/**
	 * Create a context, not refreshed yet.
	 * @param endpoint the etcd endpoint
	 * @param namespace the template's namespace
	 * @param properties more environment properties, for placeholders
	 * @param components the configuration and listener classes
	 * @return the context
	 */
	static AnnotationConfigApplicationContext create(String endpoint, String namespace, Map<String, Object> properties,
			Class<?>... components) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		Map<String, Object> all = new HashMap<>(properties);
		all.put("test.etcd.endpoint", endpoint);
		all.put("test.etcd.namespace", namespace);
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all));
		context.register(EtcdConfiguration.class);
		context.register(components);
		return context;
	}

	/**
	 * Create and refresh a context.
	 * @param endpoint the etcd endpoint
	 * @param namespace the template's namespace
	 * @param properties more environment properties, for placeholders
	 * @param components the configuration and listener classes
	 * @return the running context
	 */
	static AnnotationConfigApplicationContext run(String endpoint, String namespace, Map<String, Object> properties,
			Class<?>... components) {
		AnnotationConfigApplicationContext context = create(endpoint, namespace, properties, components);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	static class EtcdConfiguration {

		@Bean(destroyMethod = "close")
		EtcdClient etcdClient(Environment environment) {
			return TestTransport.builder().endpoints(environment.getRequiredProperty("test.etcd.endpoint")).build();
		}

		@Bean
		EtcdTemplate etcdTemplate(EtcdClient etcdClient, Environment environment) {
			return new EtcdTemplate(etcdClient, EtcdSerializer.standard(),
					environment.getRequiredProperty("test.etcd.namespace"));
		}

	}

}
