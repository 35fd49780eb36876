package dev.etcdspring.boot.autoconfigure.config;

import org.springframework.boot.origin.Origin;

/**
 * Where an imported property came from: an etcd key, at the revision of its value. Shown
 * by {@code /actuator/env} and in binding errors.
 *
 * @param key the etcd key, without the namespace
 * @param modRevision the revision that last changed the key
 */
record EtcdKeyOrigin(String key, long modRevision) implements Origin {

	@Override
	public String toString() {
		return "etcd key '" + this.key + "' (revision " + this.modRevision + ")";
	}

}
