package dev.etcdspring.docs.testing;

// tag::checkout[]
import dev.etcdspring.client.template.EtcdOperations;

import org.springframework.stereotype.Service;

@Service
class Checkout {

	private final EtcdOperations etcd;

	Checkout(EtcdOperations etcd) {
		this.etcd = etcd;
	}

	String flow() {
		return this.etcd.get("/flags/new-checkout").map("on"::equals).orElse(false) ? "new" : "classic";
	}

}
// end::checkout[]
