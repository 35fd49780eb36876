package dev.etcdspring.docs.locks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.RenewableLockRegistry;
import org.springframework.stereotype.Service;

/**
 * The README's lock registry example; {@link InvoiceRunTests} runs it.
 */
// tag::lock-registry[]
@Service
class InvoiceRun {

	private final RenewableLockRegistry<DistributedLock> locks; // the EtcdLockRegistry

	final AtomicInteger batches = new AtomicInteger();

	InvoiceRun(RenewableLockRegistry<DistributedLock> locks) {
		this.locks = locks;
	}

	// one instance of the application at a time, the others wait: held while this
	// process lives, freed within etcd.lock.ttl after it dies or loses etcd
	void run() throws InterruptedException {
		this.locks.executeLocked("invoice-run", this::bill);
	}

	// at most 30 s per hold unless renewed: a stuck holder cannot keep the others out
	boolean runInBatches(int count) throws InterruptedException {
		DistributedLock lock = this.locks.obtain("invoice-run");
		if (!lock.tryLock(Duration.ofSeconds(5), Duration.ofSeconds(30))) {
			return false;
		}
		try {
			for (int i = 0; i < count; i++) {
				bill();
				this.locks.renewLock("invoice-run"); // 30 s more from now
			}
			return true;
		}
		finally {
			lock.unlock(); // ConcurrentModificationException if it expired meanwhile
		}
	}

	private void bill() {
		this.batches.incrementAndGet();
	}

}
// end::lock-registry[]
