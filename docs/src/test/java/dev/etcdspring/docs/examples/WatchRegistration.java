package dev.etcdspring.docs.examples;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.annotation.EtcdWatchConfigurer;
import dev.etcdspring.client.listener.DefaultEtcdWatchContainerFactory;
import dev.etcdspring.client.listener.EtcdWatchEndpoint;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The README's example of a container factory of one's own and of a watch registered in
 * code; {@link WatchRegistrationTests} runs it.
 */
final class WatchRegistration {

	private WatchRegistration() {
	}

	// tag::watch-registration[]
	@Configuration(proxyBeanMethods = false)
	static class WatchConfiguration {

		private static final Logger log = LoggerFactory.getLogger(WatchConfiguration.class);

		// watches that name it use another namespace; setExecutor and setErrorHandler too
		@Bean
		DefaultEtcdWatchContainerFactory sharedWatches(EtcdClient client) {
			DefaultEtcdWatchContainerFactory factory = new DefaultEtcdWatchContainerFactory();
			factory.setTemplate(new EtcdTemplate(client, EtcdSerializer.standard(), "/shared"));
			return factory;
		}

		// a watch registered in code: the listener gets the change and the template
		@Bean
		EtcdWatchConfigurer limitWatch() {
			return (registrar) -> registrar.registerEndpoint(EtcdWatchEndpoint.builder("limits", "/limits/")
				.prefix(true)
				.events(WatchEvent.Type.PUT)
				.listener((event, template) -> log.info("{} is now {}", event.kv().keyAsString(),
						template.deserialize(event.kv().value(), Integer.class)))
				.build());
		}

	}

	@Component
	static class RegionListener {

		private static final Logger log = LoggerFactory.getLogger(RegionListener.class);

		@EtcdWatch(value = "/region", containerFactory = "sharedWatches") // "/shared/region"
		void regionChanged(@EtcdValue String region) {
			log.info("shared region is now {}", region);
		}

	}
	// end::watch-registration[]

}
