package dev.etcdspring.client;

import java.util.List;

import dev.etcdspring.client.auth.AuthClient;
import dev.etcdspring.client.cluster.ClusterClient;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.lease.LeaseClient;
import dev.etcdspring.client.maintenance.MaintenanceClient;
import dev.etcdspring.client.watch.WatchClient;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client of the etcd that an {@link EtcdServerExtension} starts, created before a test
 * class's tests and closed after them. JUnit orders extensions of fields in no obvious
 * way, so the fixture holds the server's extension itself (it counts its users) for as
 * long as the client lives:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EtcdServerExtension etcd = EtcdServerExtension.single();
 *
 * &#64;RegisterExtension
 * static EtcdClientFixture client = EtcdClientFixture.of(etcd);
 * </pre>
 *
 * It is itself the {@link EtcdClient}, so tests use it as one.
 */
public final class EtcdClientFixture implements EtcdClient, BeforeAllCallback, AfterAllCallback {

	private final EtcdServerExtension etcd;

	private EtcdClient client;

	private EtcdClientFixture(EtcdServerExtension etcd) {
		this.etcd = etcd;
	}

	public static EtcdClientFixture of(EtcdServerExtension etcd) {
		return new EtcdClientFixture(etcd);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.etcd.beforeAll(context);
		this.client = TestTransport.builder().endpoints(this.etcd.endpoints()).build();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (this.client != null) {
				this.client.close();
				this.client = null;
			}
		}
		finally {
			this.etcd.afterAll(context);
		}
	}

	private EtcdClient client() {
		if (this.client == null) {
			throw new IllegalStateException("EtcdClientFixture is used outside the tests of its class");
		}
		return this.client;
	}

	@Override
	public KvClient kv() {
		return client().kv();
	}

	@Override
	public LeaseClient leases() {
		return client().leases();
	}

	@Override
	public WatchClient watches() {
		return client().watches();
	}

	@Override
	public ClusterClient cluster() {
		return client().cluster();
	}

	@Override
	public AuthClient auth() {
		return client().auth();
	}

	@Override
	public MaintenanceClient maintenance() {
		return client().maintenance();
	}

	@Override
	public EtcdAsync async() {
		return client().async();
	}

	@Override
	public List<String> endpoints() {
		return client().endpoints();
	}

	/** Closed after the class's tests; a test must not close it. */
	@Override
	public void close() {
		throw new UnsupportedOperationException("EtcdClientFixture closes the client after the class's tests");
	}

}
