package dev.etcdspring.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What to run. Each option is an argument {@code name=value} (leading dashes are ignored)
 * or, when absent, a system property {@code benchmark.name}.
 *
 * @param rounds measured rounds per scenario and concurrency; medians are taken over them
 * @param duration length of one measurement of one client
 * @param warmup length of the unmeasured run of each client before the rounds
 * @param concurrencies concurrent callers (closed loop: each waits for its answer)
 * @param scenarios what to measure
 * @param clients which clients take part: {@code ours} (default settings: reads
 * coalesce), {@code ours-off} (no coalescing), {@code ours-cw} (writes coalesce too),
 * {@code rest}, {@code jetcd}, {@code plain}, {@code wrk} (skipped when not installed)
 * @param bulkKeys keys put by each run of the bulk scenario
 * @param bulkConcurrency concurrent single puts in the bulk scenario
 * @param handoverWait how long the waiting candidate of the election hand-over has
 * waited, at least, when the leader resigns
 * @param output the Markdown file written at the end
 * @param cluster members of the etcd the run starts: 1 for the scenarios, more for
 * serializable gets spread over a cluster ({@link ClusterReads})
 */
record BenchmarkOptions(int rounds, Duration duration, Duration warmup, List<Integer> concurrencies,
		List<Scenario> scenarios, Set<String> clients, int bulkKeys, int bulkConcurrency, Duration handoverWait,
		Path output, int cluster) {

	static final List<String> ALL_CLIENTS = List.of("ours", "ours-off", "ours-cw", "rest", "jetcd", "plain", "wrk");

	private static final Map<String, String> DEFAULTS = defaults();

	BenchmarkOptions {
		if (rounds < 1 || concurrencies.isEmpty() || scenarios.isEmpty() || bulkKeys < 1 || bulkConcurrency < 1
				|| cluster < 1) {
			throw new IllegalArgumentException(
					"rounds, concurrency, scenarios, bulk sizes and cluster must not be empty or zero");
		}
		for (String client : clients) {
			if (!ALL_CLIENTS.contains(client)) {
				throw new IllegalArgumentException("Unknown client '" + client + "', expected some of " + ALL_CLIENTS);
			}
		}
	}

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("rounds", "5");
		defaults.put("duration", "2s");
		defaults.put("warmup", "2s");
		defaults.put("concurrency", "1,16,64");
		defaults.put("scenarios", Scenario.labels(List.of(Scenario.values())));
		defaults.put("clients", String.join(",", ALL_CLIENTS));
		defaults.put("bulk-keys", "10000");
		defaults.put("bulk-concurrency", "64");
		defaults.put("handover-wait", "250ms");
		defaults.put("output", "target/benchmark-report.md");
		defaults.put("cluster", "1");
		return defaults;
	}

	/**
	 * Read the options from arguments, then system properties, then defaults.
	 * @param args arguments such as {@code rounds=3 duration=1s}
	 * @return the options
	 */
	static BenchmarkOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		DEFAULTS.forEach((name, value) -> values.put(name, System.getProperty("benchmark." + name, value)));
		for (String arg : args) {
			String option = arg.replaceFirst("^-+", "");
			int equals = option.indexOf('=');
			String name = (equals > 0) ? option.substring(0, equals) : option;
			if (!DEFAULTS.containsKey(name) || equals < 0) {
				throw new IllegalArgumentException("Unknown option '" + arg + "'; options and defaults: " + DEFAULTS);
			}
			values.put(name, option.substring(equals + 1));
		}
		return new BenchmarkOptions(Integer.parseInt(values.get("rounds")), duration(values.get("duration")),
				duration(values.get("warmup")), list(values.get("concurrency")).stream().map(Integer::valueOf).toList(),
				list(values.get("scenarios")).stream().map(Scenario::of).toList(),
				Set.copyOf(list(values.get("clients"))), Integer.parseInt(values.get("bulk-keys")),
				Integer.parseInt(values.get("bulk-concurrency")), duration(values.get("handover-wait")),
				Path.of(values.get("output")), Integer.parseInt(values.get("cluster")));
	}

	/**
	 * Parse {@code 200ms}, {@code 2s}, {@code 1m} or a number of seconds.
	 */
	static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
		return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

	int maxConcurrency() {
		return Math.max(this.bulkConcurrency, this.concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1));
	}

	boolean runs(String client) {
		return this.clients.contains(client);
	}

	@Override
	public String toString() {
		return "rounds=" + this.rounds + " duration=" + format(this.duration) + " warmup=" + format(this.warmup)
				+ " concurrency=" + String.join(",", this.concurrencies.stream().map(String::valueOf).toList())
				+ " scenarios=" + Scenario.labels(this.scenarios) + " clients="
				+ String.join(",", ALL_CLIENTS.stream().filter(this.clients::contains).toList()) + " bulk-keys="
				+ this.bulkKeys + " bulk-concurrency=" + this.bulkConcurrency + " handover-wait="
				+ format(this.handoverWait) + ((this.cluster > 1) ? " cluster=" + this.cluster : "");
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? (duration.toSeconds() + "s") : (duration.toMillis() + "ms");
	}

}
