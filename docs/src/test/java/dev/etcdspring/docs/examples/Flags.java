package dev.etcdspring.docs.examples;

import java.time.Duration;

import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.template.EtcdTemplate;

import org.springframework.stereotype.Service;

// tag::mirror[]
@Service
class Flags implements AutoCloseable {

	private final EtcdTemplate etcd;

	private final EtcdMirror flags;

	Flags(EtcdTemplate etcd) {
		this.etcd = etcd;
		// reads /flags/ once, then follows every change
		this.flags = etcd.mirror("/flags/");
	}

	boolean isOn(String flag) { // from memory: no request, no lock
		return this.flags.get("/flags/" + flag).map("on"::equals).orElse(false);
	}

	void turnOn(String flag) {
		long revision = this.etcd.put("/flags/" + flag, "on");
		// once the mirror has seen the write, isOn(flag) sees it too
		this.flags.awaitRevision(revision, Duration.ofSeconds(5));
	}

	@Override
	public void close() { // called when the context closes: the mirror's watch ends
		this.flags.close();
	}

}
// end::mirror[]
