package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdLock} and {@code etcdctl lock} on the same name exclude each other, both
 * ways.
 */
class EtcdLockEtcdctlTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private final String name = uniqueName("/locks/etcdctl-");

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void etcdctlLockWhileWeHoldTheLockShouldWaitUntilWeReleaseIt() {
		EtcdLock lock = this.support.session(client, Duration.ofSeconds(10)).lock(this.name);
		lock.lock();
		EtcdctlProcess etcdctl = this.support.closeLater(EtcdctlProcess.start(etcd.endpoints(), "lock", this.name));
		// etcdctl has queued its key behind ours ...
		await().atMost(TIMEOUT).until(() -> keysUnder(client, this.name).size() == 2);
		String etcdctlKey = keysUnder(client, this.name).get(1);
		assertThat(keysUnder(client, this.name).get(0)).isEqualTo(lock.key());
		// ... and has not printed it: it does not hold the lock
		assertThat(etcdctl.stdout()).isEmpty();
		assertThat(etcdctl.isAlive()).isTrue();
		lock.unlock();
		assertThat(etcdctl.awaitLine((line) -> line.startsWith(this.name + "/"), TIMEOUT)).isEqualTo(etcdctlKey);
		assertThat(lock.tryLock()).as("etcdctl holds it now").isFalse();
	}

	@Test
	void etcdctlHoldingTheLockShouldMakeTryLockFailAndLockWaitUntilItEnds() {
		EtcdLock lock = this.support.session(client, Duration.ofSeconds(10)).lock(this.name);
		EtcdctlProcess etcdctl = this.support.closeLater(EtcdctlProcess.start(etcd.endpoints(), "lock", this.name));
		String etcdctlKey = etcdctl.awaitLine((line) -> line.startsWith(this.name + "/"), TIMEOUT);
		assertThat(lock.tryLock()).isFalse();
		assertThat(keysUnder(client, this.name)).containsExactly(etcdctlKey);
		CompletableFuture<Boolean> locking = inThread(() -> {
			lock.lock();
			boolean held = lock.isHeld();
			lock.unlock();
			return held;
		});
		await().atMost(TIMEOUT).until(() -> keysUnder(client, this.name).equals(List.of(etcdctlKey, lock.key())));
		assertThat(locking).isNotDone();
		// SIGTERM, as Ctrl-C: etcdctl releases the lock and exits
		etcdctl.close();
		assertThat(locking).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(keysUnder(client, this.name)).isEmpty();
	}

}
