package dev.etcdspring.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.etcdspring.client.transport.ReadBalancing;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;

/**
 * Serializable gets on a 3-member cluster ({@code cluster=3}): ours with its reads spread
 * round-robin ({@code ours-rr}) and, for reference, stuck to one member
 * ({@code ours-sticky}), against jetcd with every endpoint and gRPC's round-robin load
 * balancer ({@code jetcd-rr}), interleaved in the same run. Each member's share of the
 * requests comes from its own count of gRPC Range and Txn calls in {@code /metrics} (the
 * gateway hands every request to the member's gRPC server), read before and after each
 * measurement.
 */
final class ClusterReads {

	private static final Pattern SERVED = Pattern.compile(
			"^grpc_server_handled_total\\{grpc_code=\"OK\",grpc_method=\"(?:Range|Txn)\",[^}]*} (\\d+)$",
			Pattern.MULTILINE);

	private final BenchmarkOptions options;

	private final PrintStream log;

	private final HttpClient http = HttpClient.newHttpClient();

	private ClusterReads(BenchmarkOptions options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	/**
	 * Start the cluster, measure, write the report file and return the report.
	 * @param options what to run: {@code rounds}, {@code duration}, {@code warmup},
	 * {@code concurrency}, {@code clients} ({@code ours}, {@code jetcd}) and
	 * {@code output}
	 * @param log where progress goes
	 * @return the Markdown report
	 * @throws Exception when etcd or a client cannot be started
	 */
	static String run(BenchmarkOptions options, PrintStream log) throws Exception {
		return new ClusterReads(options, log).run();
	}

	private String run() throws Exception {
		int members = this.options.cluster();
		this.log.println("etcd-spring cluster benchmark: " + members + " members, serializable gets, rounds="
				+ this.options.rounds() + " duration=" + this.options.duration().toMillis() + "ms warmup="
				+ this.options.warmup().toMillis() + "ms concurrency=" + this.options.concurrencies() + " clients="
				+ this.options.clients());
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Instant started = Instant.now();
		int workers = this.options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
		StringBuilder report = new StringBuilder("## Serializable gets on a " + members + "-member cluster\n\n");
		try (EtcdCluster cluster = EtcdCluster.start(members); LoadRunner runner = new LoadRunner(workers)) {
			List<Target> targets = targets(cluster.endpoints(), workers);
			try {
				for (int concurrency : this.options.concurrencies()) {
					report.append(block(cluster, runner, targets, concurrency));
				}
			}
			finally {
				targets.forEach(Target::close);
			}
		}
		report.append(String.format(Locale.ROOT,
				"Run %s, %d s; %d CPUs; load average %.2f at the start, %.2f at the end. Medians of %d rounds of %d ms.%n",
				started.truncatedTo(ChronoUnit.SECONDS), Duration.between(started, Instant.now()).toSeconds(),
				Runtime.getRuntime().availableProcessors(), loadBefore,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), this.options.rounds(),
				this.options.duration().toMillis()));
		String markdown = report.toString();
		Path output = this.options.output();
		if (output.toAbsolutePath().getParent() != null) {
			Files.createDirectories(output.toAbsolutePath().getParent());
		}
		Files.writeString(output, markdown);
		return markdown;
	}

	private List<Target> targets(List<String> endpoints, int workers) throws Exception {
		List<Target> targets = new ArrayList<>();
		if (this.options.runs("ours")) {
			targets.add(OursTarget.onCluster(endpoints, ReadBalancing.ROUND_ROBIN, workers));
			targets.add(OursTarget.onCluster(endpoints, ReadBalancing.STICKY, workers));
		}
		if (this.options.runs("jetcd")) {
			targets.add(new JetcdTarget(endpoints, workers));
		}
		for (Target target : targets) {
			for (int worker = 0; worker < workers; worker++) {
				target.putKey(target.getKey(worker));
			}
		}
		return targets;
	}

	private String block(EtcdCluster cluster, LoadRunner runner, List<Target> targets, int concurrency)
			throws Exception {
		for (Target target : targets) {
			runner.measure(concurrency, this.options.warmup(), get(target));
		}
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		Map<String, long[]> served = new LinkedHashMap<>();
		for (int round = 1; round <= this.options.rounds(); round++) {
			for (Target target : targets) {
				long[] before = served(cluster);
				Sample sample = runner.measure(concurrency, this.options.duration(), get(target));
				long[] after = served(cluster);
				long[] total = served.computeIfAbsent(target.name(), (name) -> new long[after.length]);
				for (int member = 0; member < after.length; member++) {
					total[member] += after[member] - before[member];
				}
				samples.computeIfAbsent(target.name(), (name) -> new ArrayList<>()).add(sample);
				this.log.printf(Locale.ROOT, "get-ser c=%d round %d/%d %-12s %,10.0f ops/s errors=%d%s%n", concurrency,
						round, this.options.rounds(), target.name(), sample.opsPerSecond(), sample.errors(),
						(sample.firstError() != null) ? " first: " + sample.firstError() : "");
			}
		}
		return table(concurrency, samples, served, cluster.members().size());
	}

	private static String table(int concurrency, Map<String, List<Sample>> samples, Map<String, long[]> served,
			int members) {
		double jetcd = samples.containsKey("jetcd-rr") ? median(samples.get("jetcd-rr"), Sample::opsPerSecond)
				: Double.NaN;
		StringBuilder table = new StringBuilder("### c = " + concurrency + "\n\n");
		table.append("| client | gets/s | p50 ms | p99 ms | errors | share per member | ÷ jetcd-rr |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		samples.forEach((name, list) -> {
			double ops = median(list, Sample::opsPerSecond);
			long[] counts = served.get(name);
			long sum = 0;
			for (long count : counts) {
				sum += count;
			}
			List<String> shares = new ArrayList<>();
			for (long count : counts) {
				shares.add(String.format(Locale.ROOT, "%.0f%%", (sum > 0) ? 100.0 * count / sum : 0));
			}
			table.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f | %.3f | %d | %s | %.2f |%n", name, ops,
					median(list, Sample::p50Millis), median(list, Sample::p99Millis),
					list.stream().mapToLong(Sample::errors).sum(), String.join(" / ", shares), ops / jetcd));
		});
		return table.append("\n").toString();
	}

	private static LoadRunner.Operation get(Target target) {
		return (worker, start) -> {
			target.get(worker, true);
			return System.nanoTime();
		};
	}

	private long[] served(EtcdCluster cluster) throws Exception {
		List<EtcdServer> members = cluster.members();
		long[] counts = new long[members.size()];
		for (int i = 0; i < counts.length; i++) {
			String metrics = this.http
				.send(HttpRequest.newBuilder(URI.create(members.get(i).endpoint() + "/metrics"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher matcher = SERVED.matcher(metrics);
			while (matcher.find()) {
				counts[i] += Long.parseLong(matcher.group(1));
			}
		}
		return counts;
	}

	private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
		double[] values = samples.stream().mapToDouble(value).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
