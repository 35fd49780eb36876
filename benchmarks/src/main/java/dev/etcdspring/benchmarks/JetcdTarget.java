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
import io.etcd.jetcd.Election;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.Lock;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * jetcd 0.8.5 (gRPC), used as its users do: one {@code Client}, futures awaited by the
 * calling thread; the bulk scenario's concurrent puts are asynchronous, at most
 * {@code concurrency} in flight. Locks and elections hold a lease that jetcd's keep-alive
 * stream renews.
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

	/**
	 * jetcd on a cluster: every endpoint, and gRPC's round-robin load balancer (jetcd's
	 * default, named all the same), which spreads every call over the members.
	 */
	JetcdTarget(List<String> endpoints, int workers) {
		super("jetcd-rr", 'j', workers);
		this.client = Client.builder()
			.endpoints(endpoints.toArray(String[]::new))
			.loadBalancerPolicy("round_robin")
			.build();
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

	@Override
	boolean hasRecipes() {
		return true;
	}

	/**
	 * jetcd's {@code Lock} client: one call to etcd's lock service, which runs the whole
	 * protocol on the server (put our key, read the owner, wait), and one to delete the
	 * key.
	 */
	@Override
	Locks locks(int workers) throws Exception {
		KeptLease lease = grantKeptAlive();
		ByteSequence[] names = new ByteSequence[workers];
		for (int worker = 0; worker < workers; worker++) {
			names[worker] = ByteSequence.from(lockName(worker), StandardCharsets.US_ASCII);
		}
		Lock locks = this.client.getLockClient();
		return new Locks() {

			@Override
			public void lockAndUnlock(int worker) throws Exception {
				ByteSequence key = await(locks.lock(names[worker], lease.id())).getKey();
				await(locks.unlock(key));
			}

			@Override
			public void close() throws Exception {
				lease.close();
			}

		};
	}

	/**
	 * jetcd's {@code Election} client: a campaign is one call to etcd's election service,
	 * answered once the server has seen every key ahead of ours deleted.
	 */
	@Override
	Candidate candidate(int index, String value) throws Exception {
		KeptLease lease = grantKeptAlive();
		ByteSequence name = ByteSequence.from(electionName(index), StandardCharsets.US_ASCII);
		ByteSequence proposal = ByteSequence.from(value, StandardCharsets.UTF_8);
		Election election = this.client.getElectionClient();
		return new Candidate() {

			private volatile @Nullable LeaderKey leader;

			@Override
			public void campaign() throws Exception {
				this.leader = await(election.campaign(name, lease.id(), proposal)).getLeader();
			}

			@Override
			public void resign() throws Exception {
				LeaderKey current = this.leader;
				if (current != null) {
					this.leader = null;
					await(election.resign(current));
				}
			}

			@Override
			public void close() throws Exception {
				lease.close();
			}

		};
	}

	/**
	 * Grant a lease and keep it alive with jetcd's keep-alive stream, as our session does
	 * with its renewals.
	 */
	private KeptLease grantKeptAlive() throws Exception {
		Lease leases = this.client.getLeaseClient();
		long id = await(leases.grant(OursTarget.SESSION_TTL.toSeconds())).getID();
		CloseableClient keepAlive = leases.keepAlive(id, new StreamObserver<>() {

			@Override
			public void onNext(LeaseKeepAliveResponse value) {
			}

			@Override
			public void onError(Throwable failure) {
				// a lease that lapsed shows as failed locks or campaigns
			}

			@Override
			public void onCompleted() {
			}

		});
		return new KeptLease(id, () -> {
			keepAlive.close();
			await(leases.revoke(id));
		});
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.client.close();
	}

	/**
	 * A lease kept alive until closed; closing revokes it, which deletes its keys.
	 */
	private record KeptLease(long id, AutoCloseable closer) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.closer.close();
		}

	}

}
