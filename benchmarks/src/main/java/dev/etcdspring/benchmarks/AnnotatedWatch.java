package dev.etcdspring.benchmarks;

import java.util.Map;
import java.util.function.Consumer;

import dev.etcdspring.client.annotation.EnableEtcdWatch;
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdTemplate;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * The watch scenario for our client as applications write it: an {@code @EtcdWatch}
 * method on a bean, in a Spring context of its own; closing the context ends the watch.
 */
final class AnnotatedWatch {

	private AnnotatedWatch() {
	}

	static AutoCloseable start(EtcdTemplate template, String prefix, Consumer<byte[]> arrived) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark", Map.of("benchmark.watch-prefix", prefix)));
		context.registerBean(EtcdTemplate.class, () -> template);
		context.registerBean(Listener.class, () -> new Listener(arrived));
		context.register(Config.class);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableEtcdWatch
	static class Config {

	}

	static class Listener {

		private final Consumer<byte[]> arrived;

		Listener(Consumer<byte[]> arrived) {
			this.arrived = arrived;
		}

		@EtcdWatch(value = "${benchmark.watch-prefix}", prefix = true)
		void changed(@EtcdKey byte[] key) {
			this.arrived.accept(key);
		}

	}

}
