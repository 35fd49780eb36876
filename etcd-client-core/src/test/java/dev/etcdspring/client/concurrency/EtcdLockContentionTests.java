package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual exclusion under contention: {@value #THREADS} threads, two per session, two
 * sessions per client, each increment a counter {@value #INCREMENTS} times with a plain
 * read and a plain write under the lock. Any overlap loses increments.
 */
class EtcdLockContentionTests {

	private static final int CLIENTS = 2;

	private static final int SESSIONS_PER_CLIENT = 2;

	private static final int THREADS_PER_SESSION = 2;

	private static final int THREADS = CLIENTS * SESSIONS_PER_CLIENT * THREADS_PER_SESSION;

	private static final int INCREMENTS = 200;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void incrementsUnderTheLockFromManyThreadsAndClientsShouldAllCount() throws Exception {
		String name = uniqueName("/locks/contended-");
		byte[] counter = (name + "-counter").getBytes(StandardCharsets.UTF_8);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try (ConcurrencyTestSupport support = new ConcurrencyTestSupport()) {
			List<Future<?>> work = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				EtcdClient client = support.closeLater(TestTransport.builder().endpoints(etcd.endpoints()).build());
				if (c == 0) {
					client.kv().put(PutRequest.of(counter, "0".getBytes(StandardCharsets.UTF_8)));
				}
				for (int s = 0; s < SESSIONS_PER_CLIENT; s++) {
					EtcdLock lock = support.session(client, Duration.ofSeconds(10)).lock(name);
					for (int t = 0; t < THREADS_PER_SESSION; t++) {
						work.add(threads.submit(() -> {
							for (int i = 0; i < INCREMENTS; i++) {
								lock.lock();
								try {
									if (inside.incrementAndGet() != 1) {
										overlaps.incrementAndGet();
									}
									int value = Integer
										.parseInt(client.kv().get(counter).orElseThrow().valueAsString());
									client.kv()
										.put(PutRequest.of(counter,
												Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8)));
									inside.decrementAndGet();
								}
								finally {
									lock.unlock();
								}
							}
							return null;
						}));
					}
				}
			}
			for (Future<?> each : work) {
				each.get(100, TimeUnit.SECONDS);
			}
			EtcdClient reader = support.closeLater(TestTransport.builder().endpoints(etcd.endpoints()).build());
			assertThat(overlaps).as("holders at the same time").hasValue(0);
			assertThat(reader.kv().get(counter).orElseThrow().valueAsString())
				.isEqualTo(Integer.toString(THREADS * INCREMENTS));
			assertThat(keysUnder(reader, name)).isEmpty();
		}
		finally {
			threads.shutdownNow();
		}
	}

}
