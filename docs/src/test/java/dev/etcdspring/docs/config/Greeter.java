package dev.etcdspring.docs.config;

import dev.etcdspring.boot.autoconfigure.config.ConfigurationPropertiesSnapshots;
import dev.etcdspring.boot.autoconfigure.config.EtcdConfigChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

// tag::greeter[]
@Service
class Greeter {

	private static final Logger log = LoggerFactory.getLogger(Greeter.class);

	private final ConfigurationPropertiesSnapshots properties;

	Greeter(ConfigurationPropertiesSnapshots properties) {
		this.properties = properties;
	}

	String greet() {
		// one etcd revision's values: salutation and name always belong together
		GreetingProperties greeting = this.properties.get(GreetingProperties.class);
		return greeting.salutation() + ", " + greeting.name() + "!";
	}

	@EventListener
	void configChanged(EtcdConfigChangedEvent event) {
		log.info("etcd revision {} changed {}", event.getRevision(), event.getKeys());
	}

}
// end::greeter[]
