package dev.etcdspring.client.integration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.concurrency.EtcdctlProcess;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.integration.support.locks.DistributedLock;

import static dev.etcdspring.client.integration.EtcdLockRegistryTests.inThread;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code etcdctl lock PREFIX+KEY} and {@link EtcdLockRegistry} exclude each other.
 */
class EtcdLockRegistryEtcdctlTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final EtcdLockRegistry registry = new EtcdLockRegistry(client);

	private EtcdctlProcess etcdctl;

	@AfterEach
	void close() {
		try {
			if (this.etcdctl != null) {
				this.etcdctl.close();
			}
		}
		finally {
			this.registry.close();
		}
	}

	@Test
	void etcdctlLockOnThePrefixedKeyShouldKeepTheRegistryOutUntilItEnds() {
		String key = "etcdctl-" + System.nanoTime();
		this.etcdctl = EtcdctlProcess.start(etcd.endpoints(), "lock", "/locks/" + key);
		this.etcdctl.awaitLine((line) -> line.startsWith("/locks/" + key + "/"), TIMEOUT);
		DistributedLock lock = this.registry.obtain(key);
		assertThat(lock.tryLock()).isFalse();
		CompletableFuture<Boolean> waiting = inThread(() -> {
			lock.lock();
			lock.unlock();
			return true;
		});
		assertThat(waiting).isNotDone();
		// SIGTERM, as Ctrl-C: etcdctl releases the lock and exits
		this.etcdctl.close();
		assertThat(waiting).succeedsWithin(TIMEOUT).isEqualTo(true);
	}

	@Test
	void registryHoldingTheLockShouldKeepEtcdctlWaitingUntilUnlock() {
		String key = "registry-" + System.nanoTime();
		DistributedLock lock = this.registry.obtain(key);
		lock.lock();
		this.etcdctl = EtcdctlProcess.start(etcd.endpoints(), "lock", "/locks/" + key);
		// etcdctl queues behind the registry's key: two keys, and nothing printed yet
		org.awaitility.Awaitility.await()
			.atMost(TIMEOUT)
			.until(() -> etcd.etcdctl("get", "--prefix", "/locks/" + key + "/", "--keys-only")
				.stdout()
				.lines()
				.filter((line) -> !line.isBlank())
				.count() == 2);
		assertThat(this.etcdctl.stdout()).isEmpty();
		lock.unlock();
		assertThat(this.etcdctl.awaitLine((line) -> line.startsWith("/locks/" + key + "/"), TIMEOUT)).isNotBlank();
	}

}
