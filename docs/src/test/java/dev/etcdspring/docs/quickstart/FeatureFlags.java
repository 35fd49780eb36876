package dev.etcdspring.docs.quickstart;

// tag::feature-flags[]
import dev.etcdspring.client.annotation.EtcdKey;
import dev.etcdspring.client.annotation.EtcdValue;
import dev.etcdspring.client.annotation.EtcdWatch;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

@Service
class FeatureFlags {

	private static final Logger log = LoggerFactory.getLogger(FeatureFlags.class);

	private final EtcdTemplate etcd;

	FeatureFlags(EtcdTemplate etcd) {
		this.etcd = etcd;
	}

	boolean isOn(String flag) {
		return this.etcd.get("/flags/" + flag).map("on"::equals).orElse(false);
	}

	@EtcdWatch(value = "/flags/", prefix = true)
	void flagChanged(@EtcdKey String key, @EtcdValue String value, WatchEvent.Type type) {
		log.info("{} {} -> {}", type, key, value); // value is null for a delete
	}

}
// end::feature-flags[]
