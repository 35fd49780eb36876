package dev.etcdspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;

/**
 * jetcd 0.8.5 (gRPC), used as its users do: one {@code Client}, futures awaited by the
 * calling thread; the bulk scenario's concurrent puts are asynchronous, at most
 * {@code concurrency} in flight.
 */
final class JetcdTarget extends Target {

	private static final long TIMEOUT_SECONDS = 10;

	private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

	private static final ByteSequence VALUE_A = ByteSequence.from(TestData.VALUE_A);

	private static final ByteSequence VALUE_B = ByteSequence.from(TestData.VALUE_B);

	private final Client client;

	private final KV kv;

	JetcdTarget(String endpoint, int workers) {
		super("jetcd", 'j', workers);
		this.client = Client.builder().endpoints(endpoint).build();
		this.kv = this.client.getKVClient();
	}

	@Override
	void get(int worker, boolean serializable) throws Exception {
		ByteSequence key = ByteSequence.from(getKey(worker));
		if (await(this.kv.get(key, serializable ? SERIALIZABLE : GetOption.DEFAULT)).getKvs().size() != 1) {
			throw new IllegalStateException("missing key");
		}
	}

	@Override
	void put(int worker) throws Exception {
		await(this.kv.put(ByteSequence.from(putKey(worker)), VALUE_A));
	}

	@Override
	void compareAndSwap(int worker) throws Exception {
		ByteSequence key = ByteSequence.from(casKey(worker));
		ByteSequence expected = (expected(worker) == TestData.VALUE_A) ? VALUE_A : VALUE_B;
		ByteSequence next = (expected == VALUE_A) ? VALUE_B : VALUE_A;
		TxnResponse answer = await(this.kv.txn()
			.If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(expected)))
			.Then(Op.put(key, next, PutOption.DEFAULT))
			.commit());
		swapped(worker, answer.isSucceeded());
	}

	@Override
	void putWatched(int worker) throws Exception {
		await(this.kv.put(ByteSequence.from(watchKey(worker)), VALUE_A));
	}

	@Override
	AutoCloseable watch(String prefix, Consumer<byte[]> arrived) {
		WatchOption option = WatchOption.builder().isPrefix(true).build();
		Watch.Watcher watcher = this.client.getWatchClient()
			.watch(ByteSequence.from(prefix, StandardCharsets.UTF_8), option,
					Watch.listener((response) -> response.getEvents()
						.forEach((event) -> arrived.accept(event.getKeyValue().getKey().getBytes()))));
		return watcher::close;
	}

	@Override
	void putKey(byte[] key) throws Exception {
		await(this.kv.put(ByteSequence.from(key), VALUE_A));
	}

	@Override
	void putBatch(List<byte[]> keys) throws Exception {
		Op[] puts = keys.stream()
			.map((key) -> Op.put(ByteSequence.from(key), VALUE_A, PutOption.DEFAULT))
			.toArray(Op[]::new);
		await(this.kv.txn().Then(puts).commit());
	}

	@Override
	long putConcurrently(List<byte[]> keys, int concurrency, LoadRunner runner) throws Exception {
		Semaphore inFlight = new Semaphore(concurrency);
		AtomicLong failures = new AtomicLong();
		for (byte[] key : keys) {
			inFlight.acquire();
			this.kv.put(ByteSequence.from(key), VALUE_A).whenComplete((answer, failure) -> {
				if (failure != null) {
					failures.incrementAndGet();
				}
				inFlight.release();
			});
		}
		inFlight.acquire(concurrency);
		inFlight.release(concurrency);
		return failures.get();
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
