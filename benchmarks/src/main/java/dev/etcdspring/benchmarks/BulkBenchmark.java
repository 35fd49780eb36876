package dev.etcdspring.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.Txn;
import org.jspecify.annotations.Nullable;

/**
 * Put many keys. Our bulk API ({@code kv().bulk(...)}: transactions of up to 128 puts,
 * {@link BulkRequest#DEFAULT_PARALLELISM} in flight by default, and one at a time) is
 * compared with jetcd's concurrent single puts (asynchronous, {@code bulk-concurrency} in
 * flight); sequential transactions of up to 128 puts of each client (what ours had before
 * its bulk API), and concurrent single puts of ours and the plain client are there for
 * context. Every run writes fresh keys, which are counted, then deleted.
 */
final class BulkBenchmark {

	/** The variant the others are compared with. */
	static final String REFERENCE = "jetcd-concurrent";

	private final BenchmarkOptions options;

	private final EtcdClient admin;

	private final LoadRunner runner;

	private final Results results;

	private final PrintStream log;

	private final List<Variant> variants = new ArrayList<>();

	private int run;

	BulkBenchmark(BenchmarkOptions options, EtcdClient admin, LoadRunner runner, List<Target> targets, Results results,
			PrintStream log) {
		this.options = options;
		this.admin = admin;
		this.runner = runner;
		this.results = results;
		this.log = log;
		Target ours = find(targets, "ours");
		Target jetcd = find(targets, "jetcd");
		Target plain = find(targets, "plain");
		int concurrency = options.bulkConcurrency();
		if (ours != null) {
			this.variants.add(new Variant("ours-bulk", ours, Mode.BULK, BulkRequest.DEFAULT_PARALLELISM));
			this.variants.add(new Variant("ours-bulk-p1", ours, Mode.BULK, 1));
			this.variants.add(new Variant("ours-txn" + Txn.DEFAULT_MAX_OPS, ours, Mode.TXN, 1));
		}
		if (jetcd != null) {
			this.variants.add(new Variant(REFERENCE, jetcd, Mode.CONCURRENT, concurrency));
		}
		if (ours != null) {
			this.variants.add(new Variant("ours-concurrent", ours, Mode.CONCURRENT, concurrency));
		}
		if (jetcd != null) {
			this.variants.add(new Variant("jetcd-txn" + Txn.DEFAULT_MAX_OPS, jetcd, Mode.TXN, 1));
		}
		if (plain != null) {
			this.variants.add(new Variant("plain-txn" + Txn.DEFAULT_MAX_OPS, plain, Mode.TXN, 1));
			this.variants.add(new Variant("plain-concurrent", plain, Mode.CONCURRENT, concurrency));
		}
	}

	private static @Nullable Target find(List<Target> targets, String name) {
		return targets.stream().filter((target) -> target.name().equals(name)).findFirst().orElse(null);
	}

	void run() throws Exception {
		int warmupKeys = Math.max(Txn.DEFAULT_MAX_OPS, this.options.bulkKeys() / 10);
		for (Variant variant : this.variants) {
			once(variant, warmupKeys);
		}
		for (int round = 1; round <= this.options.rounds(); round++) {
			for (Variant variant : this.variants) {
				Sample sample = once(variant, this.options.bulkKeys());
				this.results.add(Scenario.BULK, variant.concurrency(), variant.label(), sample);
				this.log.printf(Locale.ROOT, "bulk     round %d/%d %-18s %9.0f keys/s%s%n", round,
						this.options.rounds(), variant.label(), sample.opsPerSecond(),
						(sample.errors() > 0) ? "  errors " + sample.errors() + ": " + sample.firstError() : "");
			}
		}
	}

	private Sample once(Variant variant, int count) throws Exception {
		Target target = variant.target();
		char kind = variant.mode().kind;
		long first = (long) (this.run++) * 1_000_000L;
		List<byte[]> keys = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			keys.add(TestData.key(target.tag(), kind, first + i));
		}
		long errors = 0;
		String firstError = null;
		JvmMeter.Reading before = JvmMeter.read();
		long start = System.nanoTime();
		switch (variant.mode()) {
			case TXN -> {
				for (int from = 0; from < count; from += Txn.DEFAULT_MAX_OPS) {
					List<byte[]> batch = keys.subList(from, Math.min(count, from + Txn.DEFAULT_MAX_OPS));
					try {
						target.putBatch(batch);
					}
					catch (Exception ex) {
						errors += batch.size();
						firstError = (firstError != null) ? firstError : ex.toString();
					}
				}
			}
			case CONCURRENT -> errors = target.putConcurrently(keys, variant.concurrency(), this.runner);
			case BULK -> {
				try {
					target.putBulk(keys, variant.concurrency());
				}
				catch (Exception ex) {
					errors = count;
					firstError = ex.toString();
				}
			}
		}
		long elapsed = System.nanoTime() - start;
		JvmMeter.Reading after = JvmMeter.read();
		String prefix = TestData.prefix(target.tag(), kind);
		long written = this.admin.kv().range(RangeQuery.prefix(prefix).countOnly()).count();
		Benchmark.deletePrefix(this.admin, prefix);
		if (written != count && errors == 0) {
			errors = count - written;
			firstError = "only " + written + " of " + count + " keys were written";
		}
		return new Sample(count, errors, elapsed, -1, -1, after.cpuSince(before), after.allocatedSince(before),
				firstError);
	}

	/**
	 * One way to put many keys.
	 *
	 * @param label the label in the report
	 * @param target the client
	 * @param mode how the keys are put
	 * @param concurrency puts (for the bulk API, transactions) in flight
	 */
	record Variant(String label, Target target, Mode mode, int concurrency) {
	}

	/**
	 * How a variant puts its keys.
	 */
	enum Mode {

		/** Transactions of up to 128 puts, one after the other. */
		TXN('t'),

		/** Single puts, {@code concurrency} in flight. */
		CONCURRENT('m'),

		/** The client's bulk API, {@code concurrency} transactions in flight. */
		BULK('b');

		/** The key kind, so that each mode writes keys of its own. */
		final char kind;

		Mode(char kind) {
			this.kind = kind;
		}

	}

}
