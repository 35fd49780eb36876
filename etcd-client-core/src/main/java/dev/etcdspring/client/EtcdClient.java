package dev.etcdspring.client;

import java.util.List;

import dev.etcdspring.client.auth.AuthClient;
import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.maintenance.MaintenanceClient;
import dev.etcdspring.client.watch.WatchClient;

/**
 * A client for an etcd v3 cluster, speaking its JSON gateway. Thread-safe; create one per
 * cluster and share it.
 * {@code EtcdClient.builder().endpoints("http://127.0.0.1:2379").build()}.
 *
 * @since 0.1.0
 */
public interface EtcdClient extends AutoCloseable {

	/**
	 * Start building a client.
	 * @return a new builder
	 */
	static EtcdClientBuilder builder() {
		return new EtcdClientBuilder();
	}

	/**
	 * Create a client for the given endpoints with default settings.
	 * @param endpoints the members' client URLs
	 * @return the client
	 */
	static EtcdClient create(String... endpoints) {
		return builder().endpoints(endpoints).build();
	}

	/**
	 * Return the key-value API.
	 * @return the KV client
	 */
	KvClient kv();

	/**
	 * Return the lease API.
	 * @return the lease client
	 */
	LeaseClient leases();

	/**
	 * Return the watch API.
	 * @return the watch client
	 */
	WatchClient watches();

	/**
	 * Return membership and status.
	 * @return the cluster client
	 */
	ClusterClient cluster();

	/**
	 * Return authentication administration: enabling it, users, roles and permissions.
	 * @return the auth client
	 * @since 0.1.0
	 */
	AuthClient auth();

	/**
	 * Return maintenance: status of every member, defragmentation, alarms, hashes,
	 * snapshots and leader transfer.
	 * @return the maintenance client
	 * @since 0.1.0
	 */
	MaintenanceClient maintenance();

	/**
	 * Return the client's unary operations as {@code CompletableFuture}s, run on the
	 * executor set with
	 * {@link EtcdClientBuilder#asyncExecutor(java.util.concurrent.Executor)}. See
	 * {@link EtcdAsync} for how futures fail and what cancelling one does.
	 * @return the asynchronous API
	 * @since 0.1.0
	 */
	EtcdAsync async();

	/**
	 * Return the endpoints this client uses: those it was built with, or, with
	 * {@link EtcdClientBuilder#discoverMembers(java.time.Duration) member discovery},
	 * those the cluster's member list named last.
	 * @return the endpoints
	 */
	List<String> endpoints();

	/**
	 * Stop lease keep-alives and release connections. Watches started from this client
	 * should be closed first.
	 */
	@Override
	void close();

}
