package dev.etcdspring.test.context;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.etcdspring.test.EtcdCluster;

/**
 * The etcd processes started for {@link LocalEtcd @LocalEtcd}: one per distinct
 * configuration, started on first use and left running for the rest of the JVM, whose
 * shutdown hook (see {@link dev.etcdspring.test.EtcdServer}) stops them.
 */
final class LocalEtcdServers {

	private static final Map<Key, EtcdCluster> RUNNING = new ConcurrentHashMap<>();

	private LocalEtcdServers() {
	}

	/**
	 * Return the running etcd for the given configuration, starting it if needed. A
	 * standalone server is a cluster of one member.
	 * @param key the configuration
	 * @return the running etcd
	 * @throws IllegalStateException if etcd is missing or does not become healthy
	 */
	static EtcdCluster obtain(Key key) {
		// a failed start is not cached: the next context tries again and reports why
		return RUNNING.computeIfAbsent(key, LocalEtcdServers::start);
	}

	private static EtcdCluster start(Key key) {
		EtcdCluster.Builder builder = EtcdCluster.builder(key.members()).arg(key.args().toArray(String[]::new));
		if (key.clientCertificates()) {
			builder.withClientCertificates();
		}
		else if (key.tls()) {
			builder.withTls();
		}
		return builder.start();
	}

	/**
	 * Configuration of a local etcd.
	 *
	 * @param members the number of members
	 * @param args the extra etcd flags of every member
	 * @param tls whether etcd serves clients over https
	 * @param clientCertificates whether etcd requires client certificates
	 */
	record Key(int members, List<String> args, boolean tls, boolean clientCertificates) {

		Key {
			args = List.copyOf(args);
			// one etcd for "clientCertificates" with or without an explicit "tls"
			tls = tls || clientCertificates;
		}

		Key(int members, List<String> args) {
			this(members, args, false, false);
		}

	}

}
