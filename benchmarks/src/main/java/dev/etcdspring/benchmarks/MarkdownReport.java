package dev.etcdspring.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * Renders the medians and ratios as Markdown tables.
 */
final class MarkdownReport {

	private static final List<String> CLIENTS = List.of("ours", "rest", "jetcd", "plain", "wrk");

	/** Clients "ours" (the built-in transport) is compared with. */
	private static final List<String> OTHERS = List.of("rest", "jetcd", "plain", "wrk");

	/**
	 * Clients whose CPU and allocation are measured (wrk runs in a process of its own).
	 */
	private static final List<String> IN_JVM = List.of("ours", "rest", "jetcd", "plain");

	private final Results results;

	private final StringBuilder out = new StringBuilder();

	private MarkdownReport(Results results) {
		this.results = results;
	}

	static String render(BenchmarkOptions options, Results results, Map<String, Footprint> footprints,
			Map<String, Integer> threads, List<String> notes) {
		MarkdownReport report = new MarkdownReport(results);
		report.line("Options: `" + options + "`. Medians of " + options.rounds() + " rounds; ratios are ours ÷ other.");
		notes.forEach((note) -> report.line("- " + note));
		report.line("");
		report.throughput();
		report.latency();
		report.coalescing();
		report.cost();
		report.recipes();
		report.mirror();
		report.bulk();
		report.footprint(footprints, threads);
		List<String> failures = results.failures();
		if (!failures.isEmpty()) {
			report.line("### Failures");
			report.line("");
			failures.forEach((failure) -> report.line("- " + failure));
			report.line("");
		}
		return report.out.toString();
	}

	private void throughput() {
		List<Scenario> scenarios = kvScenarios();
		if (scenarios.isEmpty()) {
			return;
		}
		line("### Throughput (ops/s; higher is better, ratio > 1: ours is faster)");
		line("");
		List<String> header = new ArrayList<>(List.of("scenario", "c"));
		header.addAll(CLIENTS);
		OTHERS.forEach((other) -> header.add("ours/" + other));
		header.add("rest/wrk");
		header(header);
		for (Scenario scenario : scenarios) {
			for (int c : this.results.concurrencies(scenario)) {
				List<String> cells = new ArrayList<>(List.of(scenario.label(), String.valueOf(c)));
				CLIENTS.forEach((client) -> cells.add(rate(median(scenario, c, client, Sample::opsPerSecond))));
				OTHERS.forEach((other) -> cells.add(ratio(scenario, c, other, Sample::opsPerSecond)));
				cells.add(ratio(scenario, c, "rest", "wrk", Sample::opsPerSecond));
				row(cells);
			}
		}
		line("");
	}

	private void latency() {
		List<Scenario> scenarios = kvScenarios();
		if (scenarios.isEmpty()) {
			return;
		}
		line("### Latency p50 / p99 (ms; lower is better, ratio > 1: ours is slower)");
		line("");
		List<String> header = new ArrayList<>(List.of("scenario", "c"));
		CLIENTS.forEach((client) -> header.add(client + " p50 / p99"));
		OTHERS.forEach((other) -> header.add("p50 ours/" + other));
		header.add("p99 ours/jetcd");
		header(header);
		for (Scenario scenario : scenarios) {
			for (int c : this.results.concurrencies(scenario)) {
				List<String> cells = new ArrayList<>(List.of(scenario.label(), String.valueOf(c)));
				CLIENTS.forEach((client) -> {
					double p50 = median(scenario, c, client, Sample::p50Millis);
					double p99 = median(scenario, c, client, Sample::p99Millis);
					cells.add(Double.isNaN(p50) ? "—" : millis(p50) + " / " + millis(p99));
				});
				OTHERS.forEach((other) -> cells.add(ratio(scenario, c, other, Sample::p50Millis)));
				cells.add(ratio(scenario, c, "jetcd", Sample::p99Millis));
				row(cells);
			}
		}
		line("");
	}

	/**
	 * Our client with coalescing off, with its defaults (reads coalesce) and with writes
	 * coalescing too, next to jetcd: present when ours-off or ours-cw ran.
	 */
	private void coalescing() {
		List<Scenario> scenarios = kvScenarios();
		if (scenarios.isEmpty() || !(this.results.hasClient("ours-off") || this.results.hasClient("ours-cw"))) {
			return;
		}
		line("### Coalescing (ops/s and p50 / p99 ms; ours-off: no coalescing, ours: defaults, ours-cw: writes "
				+ "coalesce too, wrk-txn: wrk posting whole batches, the best a coalescing client could do)");
		line("");
		List<String> clients = List.of("ours-off", "ours", "ours-cw", "jetcd", "wrk-txn");
		List<String> header = new ArrayList<>(List.of("scenario", "c"));
		header.addAll(clients);
		header.addAll(List.of("ours/jetcd", "ours-cw/jetcd", "ours/ours-off", "ours-cw/ours-off", "wrk-txn/jetcd",
				"ours/wrk-txn", "ours-cw/wrk-txn"));
		clients.forEach((client) -> header.add(client + " p50 / p99"));
		header.addAll(List.of("p50 ours/ours-off", "p99 ours/ours-off", "p50 ours-cw/ours-off", "p99 ours-cw/ours-off",
				"p99 ours-cw/jetcd"));
		header(header);
		for (Scenario scenario : scenarios) {
			for (int c : this.results.concurrencies(scenario)) {
				List<String> cells = new ArrayList<>(List.of(scenario.label(), String.valueOf(c)));
				clients.forEach((client) -> cells.add(rate(median(scenario, c, client, Sample::opsPerSecond))));
				cells.add(ratio(scenario, c, "ours", "jetcd", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "ours-cw", "jetcd", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "ours", "ours-off", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "ours-cw", "ours-off", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "wrk-txn", "jetcd", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "ours", "wrk-txn", Sample::opsPerSecond));
				cells.add(ratio(scenario, c, "ours-cw", "wrk-txn", Sample::opsPerSecond));
				clients.forEach((client) -> {
					double p50 = median(scenario, c, client, Sample::p50Millis);
					double p99 = median(scenario, c, client, Sample::p99Millis);
					cells.add(Double.isNaN(p50) ? "—" : millis(p50) + " / " + millis(p99));
				});
				cells.add(ratio(scenario, c, "ours", "ours-off", Sample::p50Millis));
				cells.add(ratio(scenario, c, "ours", "ours-off", Sample::p99Millis));
				cells.add(ratio(scenario, c, "ours-cw", "ours-off", Sample::p50Millis));
				cells.add(ratio(scenario, c, "ours-cw", "ours-off", Sample::p99Millis));
				cells.add(ratio(scenario, c, "ours-cw", "jetcd", Sample::p99Millis));
				row(cells);
			}
		}
		line("");
	}

	private void cost() {
		List<Scenario> scenarios = kvScenarios();
		if (scenarios.isEmpty()) {
			return;
		}
		line("### Client CPU and allocation per operation (whole JVM, per measurement; lower is better)");
		line("");
		header(List.of("scenario", "c", "CPU µs/op ours", "rest", "jetcd", "plain", "ours/jetcd", "ours/plain",
				"rest/ours", "alloc KB/op ours", "rest", "jetcd", "plain", "ours/jetcd", "ours/plain", "rest/ours"));
		for (Scenario scenario : scenarios) {
			for (int c : this.results.concurrencies(scenario)) {
				List<String> cells = new ArrayList<>(List.of(scenario.label(), String.valueOf(c)));
				for (ToDoubleFunction<Sample> metric : List.<ToDoubleFunction<Sample>>of(Sample::cpuMicrosPerOp,
						Sample::allocatedKilobytesPerOp)) {
					IN_JVM.forEach((client) -> cells.add(number(median(scenario, c, client, metric))));
					cells.add(ratio(scenario, c, "jetcd", metric));
					cells.add(ratio(scenario, c, "plain", metric));
					cells.add(ratio(scenario, c, "rest", "ours", metric));
				}
				row(cells);
			}
		}
		line("");
	}

	/**
	 * Locks and elections, ours (and rest) against jetcd. A hand-over's throughput, CPU
	 * and allocation are left out: each one also pays for the next campaign and for the
	 * harness's wait until it has begun.
	 */
	private void recipes() {
		List<Scenario> scenarios = List.of(Scenario.values())
			.stream()
			.filter((scenario) -> scenario.usesRecipes() && !this.results.cells(scenario).isEmpty())
			.toList();
		if (scenarios.isEmpty()) {
			return;
		}
		line("### Locks and elections (ms, ops/s, µs and KB per operation; ratio > 1: ours is slower or costs more)");
		line("");
		header(List.of("scenario", "c", "ours p50 / p99", "rest p50 / p99", "jetcd p50 / p99", "p50 ours/jetcd",
				"p99 ours/jetcd", "ops/s ours", "jetcd", "CPU µs/op ours", "jetcd", "ours/jetcd", "alloc KB/op ours",
				"jetcd", "ours/jetcd"));
		for (Scenario scenario : scenarios) {
			for (int c : this.results.concurrencies(scenario)) {
				List<String> cells = new ArrayList<>(List.of(scenario.label(), String.valueOf(c)));
				for (String client : List.of("ours", "rest", "jetcd")) {
					double p50 = median(scenario, c, client, Sample::p50Millis);
					double p99 = median(scenario, c, client, Sample::p99Millis);
					cells.add(Double.isNaN(p50) ? "—" : millis(p50) + " / " + millis(p99));
				}
				cells.add(ratio(scenario, c, "jetcd", Sample::p50Millis));
				cells.add(ratio(scenario, c, "jetcd", Sample::p99Millis));
				if (scenario == Scenario.ELECTION_HANDOVER) {
					cells.addAll(Collections.nCopies(8, "—"));
				}
				else {
					cells.add(rate(median(scenario, c, "ours", Sample::opsPerSecond)));
					cells.add(rate(median(scenario, c, "jetcd", Sample::opsPerSecond)));
					for (ToDoubleFunction<Sample> metric : List.<ToDoubleFunction<Sample>>of(Sample::cpuMicrosPerOp,
							Sample::allocatedKilobytesPerOp)) {
						cells.add(number(median(scenario, c, "ours", metric)));
						cells.add(number(median(scenario, c, "jetcd", metric)));
						cells.add(ratio(scenario, c, "jetcd", metric));
					}
				}
				row(cells);
			}
		}
		line("");
	}

	/**
	 * {@code EtcdMirror}: reads from it against each client's serializable get, and put
	 * to visible in it against each client's put to watch callback.
	 */
	private void mirror() {
		if (!this.results.cells(Scenario.MIRROR_GET).isEmpty()) {
			line("### Reads from a mirror (ops/s, ms; ours: `EtcdMirror.getKeyValue`, p50 / p99 of calls of "
					+ MirrorScenarios.Reads.BATCH + " reads ÷ " + MirrorScenarios.Reads.BATCH
					+ "; the others: a serializable get)");
			line("");
			header(List.of("c", "ops/s mirror", "ours get-ser", "jetcd get-ser", "mirror/jetcd", "mirror/ours-ser",
					"mirror p50 / p99", "ours-ser p50 / p99", "jetcd p50 / p99"));
			for (int c : this.results.concurrencies(Scenario.MIRROR_GET)) {
				List<String> cells = new ArrayList<>(List.of(String.valueOf(c)));
				for (String client : List.of("ours", "ours-ser", "jetcd")) {
					cells.add(rate(median(Scenario.MIRROR_GET, c, client, Sample::opsPerSecond)));
				}
				cells.add(ratio(Scenario.MIRROR_GET, c, "jetcd", Sample::opsPerSecond));
				cells.add(ratio(Scenario.MIRROR_GET, c, "ours-ser", Sample::opsPerSecond));
				for (String client : List.of("ours", "ours-ser", "jetcd")) {
					cells.add(latencies(Scenario.MIRROR_GET, c, client, "%.6f"));
				}
				row(cells);
			}
			line("");
		}
		if (!this.results.cells(Scenario.MIRROR_VISIBLE).isEmpty()) {
			line("### Put to visible in a mirror (ms; ours: put by another client of ours to the mirror's listener; "
					+ "the others: put to the client's own watch callback)");
			line("");
			header(List.of("c", "mirror p50 / p99", "ours-watch p50 / p99", "jetcd watch p50 / p99", "p50 mirror/jetcd",
					"p99 mirror/jetcd"));
			for (int c : this.results.concurrencies(Scenario.MIRROR_VISIBLE)) {
				List<String> cells = new ArrayList<>(List.of(String.valueOf(c)));
				for (String client : List.of("ours", "ours-watch", "jetcd")) {
					cells.add(latencies(Scenario.MIRROR_VISIBLE, c, client, null));
				}
				cells.add(ratio(Scenario.MIRROR_VISIBLE, c, "jetcd", Sample::p50Millis));
				cells.add(ratio(Scenario.MIRROR_VISIBLE, c, "jetcd", Sample::p99Millis));
				row(cells);
			}
			line("");
		}
	}

	private String latencies(Scenario scenario, int c, String client, @Nullable String format) {
		double p50 = median(scenario, c, client, Sample::p50Millis);
		double p99 = median(scenario, c, client, Sample::p99Millis);
		if (Double.isNaN(p50)) {
			return "—";
		}
		return (format != null) ? String.format(Locale.ROOT, format + " / " + format, p50, p99)
				: millis(p50) + " / " + millis(p99);
	}

	private void bulk() {
		List<Results.Cell> cells = this.results.cells(Scenario.BULK);
		if (cells.isEmpty()) {
			return;
		}
		line("### Bulk put ("
				+ this.results.samples(Scenario.BULK, cells.get(0).concurrency(), cells.get(0).client()).get(0).ops()
				+ " keys per run; keys/s higher is better)");
		line("");
		header(List.of("variant", "in flight", "keys/s", "CPU µs/key", "alloc KB/key",
				"keys/s ÷ " + BulkBenchmark.REFERENCE));
		double reference = cells.stream()
			.filter((cell) -> cell.client().equals(BulkBenchmark.REFERENCE))
			.mapToDouble((cell) -> median(Scenario.BULK, cell.concurrency(), cell.client(), Sample::opsPerSecond))
			.findFirst()
			.orElse(Double.NaN);
		for (Results.Cell cell : cells) {
			double rate = median(Scenario.BULK, cell.concurrency(), cell.client(), Sample::opsPerSecond);
			row(List.of(cell.client(), String.valueOf(cell.concurrency()), rate(rate),
					number(median(Scenario.BULK, cell.concurrency(), cell.client(), Sample::cpuMicrosPerOp)),
					number(median(Scenario.BULK, cell.concurrency(), cell.client(), Sample::allocatedKilobytesPerOp)),
					number(rate / reference)));
		}
		line("");
	}

	private void footprint(Map<String, Footprint> footprints, Map<String, Integer> threads) {
		if (!footprints.isEmpty()) {
			line("### Footprint of each client after creation and a few calls (JVM deltas)");
			line("");
			header(List.of("client", "heap after GC (MB)", "threads", "classes loaded"));
			footprints.forEach((client, footprint) -> row(List.of(client, number(footprint.heapBytes() / 1048576.0),
					String.valueOf(footprint.threads()), String.valueOf(footprint.classes()))));
			line("");
		}
		List<String> groups = new ArrayList<>();
		threads.forEach((name, count) -> groups.add("`" + name + "` ×" + count));
		line("JVM threads at the end, by name (N: digits): " + String.join(", ", groups) + ".");
		line("");
	}

	private List<Scenario> kvScenarios() {
		return List.of(Scenario.values())
			.stream()
			.filter((scenario) -> scenario != Scenario.BULK && !scenario.usesRecipes() && !scenario.usesMirror()
					&& !this.results.cells(scenario).isEmpty())
			.toList();
	}

	private double median(Scenario scenario, int c, String client, ToDoubleFunction<Sample> metric) {
		return this.results.median(scenario, c, client, metric);
	}

	private String ratio(Scenario scenario, int c, String other, ToDoubleFunction<Sample> metric) {
		return ratio(scenario, c, "ours", other, metric);
	}

	private String ratio(Scenario scenario, int c, String client, String other, ToDoubleFunction<Sample> metric) {
		return number(median(scenario, c, client, metric) / median(scenario, c, other, metric));
	}

	private static String rate(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
	}

	private static String millis(double value) {
		return String.format(Locale.ROOT, (value < 10) ? "%.3f" : "%.1f", value);
	}

	static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "—";
		}
		return String.format(Locale.ROOT, (Math.abs(value) < 10) ? "%.2f" : "%.1f", value);
	}

	private void header(List<String> cells) {
		row(cells);
		line("|" + "---|".repeat(cells.size()));
	}

	private void row(List<String> cells) {
		line("| " + String.join(" | ", cells) + " |");
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
