package dev.etcdspring.docs.examples;

import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdPrevValue;
import dev.etcdspring.client.annotation.EtcdRevision;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.docs.examples.EtcdTemplateTour.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

// tag::config-listener[]
@Component
class ConfigListener {

	private static final Logger log = LoggerFactory.getLogger(ConfigListener.class);

	// the current value first, then every change; app.etcd.root is a property of yours
	@EtcdWatch(value = "${app.etcd.root}/feature-x", initial = true)
	void featureChanged(@EtcdValue Feature feature) { // JSON -> Feature; null on delete
		log.info("feature-x is now {}", feature);
	}

	@EtcdWatch(value = "/flags/", prefix = true, events = WatchEvent.Type.DELETE, id = "flag-deletes")
	void flagDeleted(@EtcdKey String key, @EtcdRevision long revision) {
		log.info("{} deleted at revision {}", key, revision);
	}

	@EtcdWatch(value = "/limits/", prefix = true, prevValue = true)
	void limitChanged(WatchEvent event, @EtcdValue Integer limit, @EtcdPrevValue Integer before) {
		log.info("{} changed from {} to {}", event.kv().keyAsString(), before, limit);
	}

}
// end::config-listener[]
