package dev.etcdspring.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.auth.AuthClient;
import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.internal.async.AsyncCalls;
import dev.etcdspring.client.internal.auth.DefaultAuthClient;
import dev.etcdspring.client.internal.cluster.DefaultClusterClient;
import dev.etcdspring.client.internal.cluster.MemberDiscovery;
import dev.etcdspring.client.internal.kv.CoalescingSettings;
import dev.etcdspring.client.internal.kv.DefaultKvClient;
import dev.etcdspring.client.internal.lease.DefaultLeaseClient;
import dev.etcdspring.client.internal.maintenance.DefaultMaintenanceClient;
import dev.etcdspring.client.internal.transport.GatewaySettings;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.watch.WatchEngine;
import dev.etcdspring.client.internal.watch.WatchSettings;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.maintenance.MaintenanceClient;
import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.client.watch.WatchMetrics;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EtcdClient} behind {@link EtcdClient#builder()}: facades over one transport.
 */
final class DefaultEtcdClient implements EtcdClient {

	private static final AtomicInteger clientCount = new AtomicInteger();

	private final GatewayTransport transport;

	private final ScheduledExecutorService scheduler;

	private final KvClient kv;

	private final LeaseClient leases;

	private final WatchEngine watches;

	private final ClusterClient cluster;

	private final AuthClient auth;

	private final MaintenanceClient maintenance;

	private final ExecutorService bulkExecutor;

	private final @Nullable MemberDiscovery discovery;

	private final AsyncCalls asyncCalls;

	private final EtcdAsync async;

	DefaultEtcdClient(GatewaySettings transportSettings, CoalescingSettings coalescing, Duration watchProbeInterval,
			int watchQueueCapacity, @Nullable Executor watchExecutor, WatchMetrics watchMetrics,
			Duration watchStartTimeout, @Nullable Executor asyncExecutor) {
		this.transport = new GatewayTransport(transportSettings);
		int number = clientCount.incrementAndGet();
		String threadName = "etcd-scheduler-" + number;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		// threads only while bulk writes run: idle ones end after a minute
		this.bulkExecutor = Executors.newCachedThreadPool(daemonThreads("etcd-bulk-" + number + "-"));
		this.kv = new DefaultKvClient(this.transport, this.bulkExecutor, coalescing);
		this.leases = new DefaultLeaseClient(this.transport, this.scheduler);
		this.watches = new WatchEngine(this.transport, this.kv, new WatchSettings(watchProbeInterval,
				watchQueueCapacity, watchExecutor, watchMetrics, watchStartTimeout));
		this.cluster = new DefaultClusterClient(this.transport);
		this.auth = new DefaultAuthClient(this.transport);
		this.maintenance = new DefaultMaintenanceClient(this.transport, this.cluster, this.scheduler);
		Duration discoveryInterval = transportSettings.discoveryInterval();
		this.discovery = (discoveryInterval != null)
				? MemberDiscovery.start(this.transport, this.cluster, discoveryInterval, "etcd-discovery-" + number)
				: null;
		this.asyncCalls = new AsyncCalls(asyncExecutor, "etcd-async-" + number + "-");
		this.async = new DefaultEtcdAsync(this, this.asyncCalls);
	}

	@Override
	public KvClient kv() {
		return this.kv;
	}

	@Override
	public LeaseClient leases() {
		return this.leases;
	}

	@Override
	public WatchClient watches() {
		return this.watches;
	}

	@Override
	public ClusterClient cluster() {
		return this.cluster;
	}

	@Override
	public AuthClient auth() {
		return this.auth;
	}

	@Override
	public MaintenanceClient maintenance() {
		return this.maintenance;
	}

	@Override
	public EtcdAsync async() {
		return this.async;
	}

	@Override
	public List<String> endpoints() {
		return this.transport.endpoints();
	}

	@Override
	public void close() {
		// first: calls still waiting for a thread fail as "closed", not as broken
		this.asyncCalls.close();
		if (this.discovery != null) {
			this.discovery.close();
		}
		this.watches.close();
		this.bulkExecutor.shutdownNow();
		this.scheduler.shutdownNow();
		this.transport.close();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public String toString() {
		return "EtcdClient" + this.transport.endpoints() + "[transport=" + this.transport.transport() + "]";
	}

}
