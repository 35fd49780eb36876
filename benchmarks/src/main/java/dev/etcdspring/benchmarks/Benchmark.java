package dev.etcdspring.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.jspecify.annotations.Nullable;

/**
 * Runs the scenarios: a warm-up of every client in every scenario first; then, for each
 * scenario and concurrency, a warm-up of every client, the rounds, the clients
 * interleaved (A B C A B C ...), and a compaction.
 */
final class Benchmark {

	private final BenchmarkOptions options;

	private final EtcdClient admin;

	private final LoadRunner runner;

	private final List<Target> targets;

	private final @Nullable Wrk wrk;

	private final PrintStream log;

	private final Results results = new Results();

	private long compacted;

	Benchmark(BenchmarkOptions options, EtcdClient admin, LoadRunner runner, List<Target> targets, @Nullable Wrk wrk,
			PrintStream log) {
		this.options = options;
		this.admin = admin;
		this.runner = runner;
		this.targets = targets;
		this.wrk = wrk;
		this.log = log;
	}

	Results run() throws Exception {
		warmUpEveryClient();
		for (Scenario scenario : this.options.scenarios()) {
			if (scenario == Scenario.BULK) {
				new BulkBenchmark(this.options, this.admin, this.runner, this.targets, this.results, this.log).run();
			}
			else {
				for (int concurrency : scenario.singleCaller() ? List.of(1) : this.options.concurrencies()) {
					runBlock(scenario, concurrency);
				}
			}
			compact();
		}
		return this.results;
	}

	/**
	 * Run every client through every read and write scenario once, at the highest
	 * concurrency, before anything is measured: the first scenario would otherwise pay
	 * for class loading and JIT compilation.
	 */
	private void warmUpEveryClient() throws Exception {
		int concurrency = this.options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
		for (Scenario scenario : List.of(Scenario.GET_LINEARIZABLE, Scenario.GET_SERIALIZABLE, Scenario.PUT,
				Scenario.CAS)) {
			prepare(scenario, concurrency);
			for (Target target : this.targets) {
				this.runner.measure(concurrency, this.options.warmup(), operation(scenario, target));
			}
		}
		this.log.println("warm-up  done");
		compact();
	}

	private void runBlock(Scenario scenario, int concurrency) throws Exception {
		prepare(scenario, concurrency);
		Map<String, Measurement> contenders = new LinkedHashMap<>();
		List<AutoCloseable> resources = new ArrayList<>();
		try {
			for (Target target : this.targets) {
				if (scenario.usesRecipes() && !target.hasRecipes()) {
					continue;
				}
				LoadRunner.Operation operation;
				if (scenario == Scenario.WATCH) {
					WatchLatency watch = new WatchLatency(target, concurrency, this::putUnmeasured);
					resources.add(watch);
					operation = watch::putAndAwait;
				}
				else if (scenario == Scenario.LOCK) {
					Target.Locks locks = target.locks(concurrency);
					resources.add(locks);
					operation = (worker, start) -> {
						locks.lockAndUnlock(worker);
						return System.nanoTime();
					};
				}
				else if (scenario == Scenario.ELECTION_HANDOVER) {
					ElectionHandover handover = new ElectionHandover(target, this.options.handoverWait(),
							this::countUnmeasured);
					resources.add(handover);
					operation = handover::handOver;
				}
				else if (scenario == Scenario.MIRROR_GET) {
					if (target.hasMirror()) {
						MirrorScenarios.Reads reads = new MirrorScenarios.Reads(target, concurrency);
						resources.add(reads);
						contenders.put(target.name(), (duration) -> MirrorScenarios.Reads
							.perRead(this.runner.measure(concurrency, duration, reads::read)));
					}
					operation = operation(Scenario.GET_SERIALIZABLE, target);
				}
				else if (scenario == Scenario.MIRROR_VISIBLE) {
					if (target.hasMirror()) {
						MirrorScenarios.Visibility visibility = new MirrorScenarios.Visibility(target, this.admin);
						resources.add(visibility);
						contenders.put(target.name(),
								(duration) -> this.runner.measure(concurrency, duration, visibility::putAndAwait));
					}
					WatchLatency watch = new WatchLatency(target, concurrency, this::putUnmeasured);
					resources.add(watch);
					operation = watch::putAndAwait;
				}
				else {
					operation = operation(scenario, target);
				}
				// with a mirror, the client's own call is the reference: "ours-ser",
				// "ours-watch"
				String name = (scenario.usesMirror() && target.hasMirror())
						? target.name() + ((scenario == Scenario.MIRROR_GET) ? "-ser" : "-watch") : target.name();
				contenders.put(name, (duration) -> this.runner.measure(concurrency, duration, operation));
			}
			if (this.wrk != null && scenario.hasWrkCeiling()) {
				Wrk ceiling = this.wrk;
				contenders.put("wrk", (duration) -> ceiling.measure(scenario, concurrency, duration));
				if (Wrk.combines(scenario, concurrency)) {
					contenders.put("wrk-txn", (duration) -> ceiling.measureCombined(scenario, concurrency, duration));
				}
			}
			for (Measurement measurement : contenders.values()) {
				measurement.run(this.options.warmup());
			}
			for (int round = 1; round <= this.options.rounds(); round++) {
				for (Map.Entry<String, Measurement> contender : contenders.entrySet()) {
					Sample sample = contender.getValue().run(this.options.duration());
					this.results.add(scenario, concurrency, contender.getKey(), sample);
					this.log.printf(Locale.ROOT,
							"%-8s c=%-3d round %d/%d %-6s %9.0f ops/s  p50 %7.3f ms  p99 %7.3f ms%s%n",
							scenario.label(), concurrency, round, this.options.rounds(), contender.getKey(),
							sample.opsPerSecond(), sample.p50Millis(), sample.p99Millis(),
							(sample.errors() > 0) ? "  errors " + sample.errors() + ": " + sample.firstError() : "");
				}
			}
		}
		finally {
			for (AutoCloseable resource : resources) {
				resource.close();
			}
		}
		compact();
	}

	private static LoadRunner.Operation operation(Scenario scenario, Target target) {
		return switch (scenario) {
			case GET_LINEARIZABLE -> (worker, start) -> {
				target.get(worker, false);
				return System.nanoTime();
			};
			case GET_SERIALIZABLE -> (worker, start) -> {
				target.get(worker, true);
				return System.nanoTime();
			};
			case PUT -> (worker, start) -> {
				target.put(worker);
				return System.nanoTime();
			};
			case CAS -> (worker, start) -> {
				target.compareAndSwap(worker);
				return System.nanoTime();
			};
			default -> throw new IllegalArgumentException(scenario.label());
		};
	}

	/**
	 * Set the keys a scenario reads or swaps to {@link TestData#VALUE_A}, in transactions
	 * of up to 128 puts, through a client that is not measured.
	 */
	private void prepare(Scenario scenario, int concurrency) {
		char kind = switch (scenario) {
			case GET_LINEARIZABLE, GET_SERIALIZABLE, MIRROR_GET -> 'g';
			case CAS -> 'c';
			default -> 0;
		};
		if (kind == 0) {
			return;
		}
		List<TxnOp> puts = new ArrayList<>();
		for (Target target : this.targets) {
			for (byte[] key : Target.keys(target.tag(), kind, concurrency)) {
				puts.add(TxnOp.put(PutRequest.of(key, TestData.VALUE_A)));
			}
			target.resetSwaps();
		}
		// wrk reads key 0; its combined transactions read one key per caller
		int wrkKeys = (kind == 'g') ? Math.max(1, concurrency) : 1;
		for (int i = 0; i < wrkKeys; i++) {
			puts.add(TxnOp.put(PutRequest.of(TestData.key(Wrk.TAG, kind, i), TestData.VALUE_A)));
		}
		putAll(this.admin, puts);
	}

	static void putAll(EtcdClient client, List<TxnOp> puts) {
		for (int from = 0; from < puts.size(); from += Txn.DEFAULT_MAX_OPS) {
			List<TxnOp> batch = puts.subList(from, Math.min(puts.size(), from + Txn.DEFAULT_MAX_OPS));
			client.kv().txn(Txn.create().then(batch.toArray(TxnOp[]::new)));
		}
	}

	private void putUnmeasured(byte[] key) {
		this.admin.kv().put(PutRequest.of(key, TestData.VALUE_A));
	}

	private long countUnmeasured(String prefix) {
		return this.admin.kv().range(RangeQuery.prefix(prefix).countOnly()).count();
	}

	/**
	 * Compact away the history the scenario wrote: an uncompacted store slows reads down.
	 */
	private void compact() {
		long revision = this.admin.kv().range(RangeQuery.key("/b/").countOnly()).header().revision();
		if (revision > this.compacted) {
			this.admin.kv().compact(revision, true);
			this.compacted = revision;
		}
	}

	/**
	 * Delete the keys under a prefix (bulk runs), through the unmeasured client.
	 */
	static void deletePrefix(EtcdClient client, String prefix) {
		client.kv().delete(DeleteRequest.prefix(prefix));
	}

	/**
	 * One measurement of one contender.
	 */
	@FunctionalInterface
	interface Measurement {

		Sample run(Duration duration) throws Exception;

	}

}
