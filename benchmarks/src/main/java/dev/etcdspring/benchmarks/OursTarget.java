package dev.etcdspring.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientBuilder;
import dev.etcdspring.client.concurrency.EtcdElection;
import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.transport.ReadBalancing;
import dev.etcdspring.client.transport.RestClientTransport;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Our client: {@code EtcdClient.kv()} for reads and writes (raw bytes, like jetcd's
 * {@code ByteSequence}), an {@code @EtcdWatch} method (a prefix watch) for watches,
 * {@code kv().bulk(...)} and {@code kv().txn(...)} of up to 128 puts for bulk writes,
 * {@code EtcdSession}'s locks and elections for the lock and election scenarios. As
 * {@code ours} on the built-in transport; as {@code rest} on Spring's {@code RestClient}
 * over the JDK's HttpClient (HTTP/1.1), the second transport.
 */
final class OursTarget extends Target {

	/** Long enough that no renewal is late on a busy machine; renewed every quarter. */
	static final Duration SESSION_TTL = Duration.ofSeconds(30);

	private final EtcdClient client;

	private final EtcdTemplate template;

	private OursTarget(String name, char tag, int workers, EtcdClient client) {
		super(name, tag, workers);
		this.client = client;
		this.template = new EtcdTemplate(this.client);
	}

	/**
	 * The coalescing concurrency of ours and ours-cw: the client's default, or the system
	 * property {@code benchmark.coalescing-concurrency} (in {@code -Dbenchmark.jvmArgs})
	 * to compare settings.
	 */
	private static final int COALESCING_CONCURRENCY = Integer.getInteger("benchmark.coalescing-concurrency",
			EtcdClientBuilder.DEFAULT_COALESCING_CONCURRENCY);

	static OursTarget builtIn(String endpoint, int workers) {
		return new OursTarget("ours", 'o', workers,
				EtcdClient.builder().endpoints(endpoint).coalescingConcurrency(COALESCING_CONCURRENCY).build());
	}

	/** Every request alone: the client before coalescing, the reference of its rows. */
	static OursTarget coalescingOff(String endpoint, int workers) {
		return new OursTarget("ours-off", 'f', workers,
				EtcdClient.builder().endpoints(endpoint).coalesceReads(false).build());
	}

	/** Reads and writes coalesce. */
	static OursTarget coalescingWrites(String endpoint, int workers) {
		return new OursTarget("ours-cw", 'x', workers,
				EtcdClient.builder()
					.endpoints(endpoint)
					.coalesceWrites(true)
					.coalescingConcurrency(COALESCING_CONCURRENCY)
					.build());
	}

	/**
	 * Ours on a cluster: every endpoint, serializable reads spread round-robin
	 * ({@code ours-rr}) or, for reference, stuck to one member ({@code ours-sticky}).
	 */
	static OursTarget onCluster(List<String> endpoints, ReadBalancing readBalancing, int workers) {
		boolean spread = readBalancing == ReadBalancing.ROUND_ROBIN;
		return new OursTarget(spread ? "ours-rr" : "ours-sticky", spread ? 'o' : 's', workers,
				EtcdClient.builder().endpoints(endpoints).readBalancing(readBalancing).build());
	}

	static OursTarget restClient(String endpoint, int workers) {
		// HTTP/1.1: etcd hands plaintext HTTP/2 to its gRPC server, not to the gateway.
		// An
		// executor of its own: without one, Spring's JDK request factory starts a new
		// thread
		// for every request body
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newCachedThreadPool())
			.build();
		RestClient.Builder restClient = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http));
		EtcdClient client = EtcdClient.builder()
			.endpoints(endpoint)
			.transport(RestClientTransport.of(restClient))
			.build();
		return new OursTarget("rest", 'r', workers, client);
	}

	@Override
	void get(int worker, boolean serializable) {
		boolean found = serializable
				? this.client.kv().range(RangeQuery.key(getKey(worker)).serializable()).kvs().size() == 1
				: this.client.kv().get(getKey(worker)).isPresent();
		if (!found) {
			throw new IllegalStateException("missing key");
		}
	}

	@Override
	void put(int worker) {
		this.client.kv().put(PutRequest.of(putKey(worker), TestData.VALUE_A));
	}

	@Override
	void compareAndSwap(int worker) {
		byte[] key = casKey(worker);
		Txn.Response answer = this.client.kv()
			.txn(Txn.when(Compare.value(key).equalTo(expected(worker)))
				.then(TxnOp.put(PutRequest.of(key, next(worker)))));
		swapped(worker, answer.succeeded());
	}

	@Override
	void putWatched(int worker) {
		this.client.kv().put(PutRequest.of(watchKey(worker), TestData.VALUE_A));
	}

	@Override
	AutoCloseable watch(String prefix, Consumer<byte[]> arrived) {
		return AnnotatedWatch.start(this.template, prefix, arrived);
	}

	@Override
	void putKey(byte[] key) {
		this.client.kv().put(PutRequest.of(key, TestData.VALUE_A));
	}

	@Override
	void putBatch(List<byte[]> keys) {
		TxnOp[] puts = keys.stream()
			.map((key) -> TxnOp.put(PutRequest.of(key, TestData.VALUE_A)))
			.toArray(TxnOp[]::new);
		if (!this.client.kv().txn(Txn.create().then(puts)).succeeded()) {
			throw new IllegalStateException("unconditional transaction did not succeed");
		}
	}

	@Override
	void putBulk(List<byte[]> keys, int parallelism) {
		BulkRequest request = BulkRequest.create().parallelism(parallelism);
		for (byte[] key : keys) {
			request = request.put(key, TestData.VALUE_A);
		}
		this.client.kv().bulk(request);
	}

	@Override
	boolean hasRecipes() {
		return true;
	}

	@Override
	Locks locks(int workers) {
		EtcdSession session = EtcdSession.create(this.client, SESSION_TTL);
		EtcdLock[] locks = new EtcdLock[workers];
		for (int worker = 0; worker < workers; worker++) {
			locks[worker] = session.lock(lockName(worker));
		}
		return new Locks() {

			@Override
			public void lockAndUnlock(int worker) {
				EtcdLock lock = locks[worker];
				lock.lock();
				lock.unlock();
			}

			@Override
			public void close() {
				session.close();
			}

		};
	}

	@Override
	Candidate candidate(int index, String value) {
		EtcdSession session = EtcdSession.create(this.client, SESSION_TTL);
		EtcdElection election = session.election(electionName(index));
		return new Candidate() {

			@Override
			public void campaign() throws InterruptedException {
				election.campaign(value);
			}

			@Override
			public void resign() {
				election.resign();
			}

			@Override
			public void close() {
				session.close();
			}

		};
	}

	@Override
	boolean hasMirror() {
		// the built-in transport only: the mirror is not about the transport
		return name().equals("ours");
	}

	@Override
	EtcdMirror mirror(String prefix) {
		return EtcdMirror.create(this.client, prefix);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
