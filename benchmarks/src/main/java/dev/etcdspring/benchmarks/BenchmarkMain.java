package dev.etcdspring.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.test.EtcdServer;

/**
 * Runs our client, jetcd, a plain JDK {@code HttpClient} and (where installed)
 * {@code wrk} side by side against one etcd it starts, and prints Markdown tables of
 * medians and ratios. Options ({@code name=value} arguments or {@code benchmark.name}
 * system properties) are described in {@link BenchmarkOptions}; from the repository root:
 * <pre class="code">
 * mvn -q -pl benchmarks -am verify -DskipTests -Pbenchmark -Dbenchmark.args="rounds=3 duration=1s"
 * </pre>
 *
 * @since 0.1.0
 */
public final class BenchmarkMain {

	/** Large enough that the writes of a long run never raise etcd's "no space" alarm. */
	private static final String QUOTA_BACKEND_BYTES = String.valueOf(8L * 1024 * 1024 * 1024);

	private static final int WARM_CALLS = 20;

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		if (options.cluster() > 1) {
			System.out.println(ClusterReads.run(options, System.err));
			System.err.println("Report written to " + options.output().toAbsolutePath());
			System.exit(0);
		}
		Report report = run(options, System.err);
		System.out.println(report.markdown());
		System.err.println("Report written to " + options.output().toAbsolutePath());
		report.results().failures().forEach((failure) -> System.err.println("FAILED: " + failure));
		// gRPC and HttpClient threads must not keep the JVM alive
		System.exit(0);
	}

	/**
	 * Start etcd, run the scenarios, write the report file and return the report.
	 * @param options what to run
	 * @param log where progress goes
	 * @return the report
	 * @throws Exception when etcd or a client cannot be started
	 */
	static Report run(BenchmarkOptions options, PrintStream log) throws Exception {
		// jetcd logs through SLF4J: warnings only
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		log.println("etcd-spring benchmarks: " + options);
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Instant started = Instant.now();
		try (EtcdServer etcd = EtcdServer.builder().arg("--quota-backend-bytes=" + QUOTA_BACKEND_BYTES).start();
				EtcdClient admin = EtcdClient.create(etcd.endpoint());
				LoadRunner runner = new LoadRunner(options.maxConcurrency())) {
			Map<String, Footprint> footprints = new LinkedHashMap<>();
			List<Target> targets = createTargets(options, etcd.endpoint(), footprints);
			try {
				List<String> notes = new ArrayList<>();
				Wrk wrk = null;
				if (options.runs("wrk")) {
					wrk = Wrk.find(etcd.endpoint()).orElse(null);
					if (wrk == null) {
						notes.add("wrk is not installed (`apt-get install -y wrk`): no gateway ceiling.");
					}
				}
				Results results = new Benchmark(options, admin, runner, targets, wrk, log).run();
				notes.add(0, environment(admin, started, loadBefore));
				String markdown = "## etcd-spring benchmarks\n\n"
						+ MarkdownReport.render(options, results, footprints, Footprint.threadsByName(), notes);
				Path output = options.output();
				if (output.toAbsolutePath().getParent() != null) {
					Files.createDirectories(output.toAbsolutePath().getParent());
				}
				Files.writeString(output, markdown);
				return new Report(markdown, results);
			}
			finally {
				targets.forEach(Target::close);
			}
		}
	}

	/**
	 * Create the clients one at a time, measuring what each adds to the JVM.
	 */
	private static List<Target> createTargets(BenchmarkOptions options, String endpoint,
			Map<String, Footprint> footprints) throws Exception {
		List<Target> targets = new ArrayList<>();
		int workers = options.maxConcurrency();
		for (String name : List.of("ours", "ours-off", "ours-cw", "rest", "jetcd", "plain")) {
			if (!options.runs(name)) {
				continue;
			}
			Footprint before = Footprint.take();
			Target target = switch (name) {
				case "ours" -> OursTarget.builtIn(endpoint, workers);
				case "ours-off" -> OursTarget.coalescingOff(endpoint, workers);
				case "ours-cw" -> OursTarget.coalescingWrites(endpoint, workers);
				case "rest" -> OursTarget.restClient(endpoint, workers);
				case "jetcd" -> new JetcdTarget(endpoint, workers);
				default -> new PlainTarget(endpoint, workers);
			};
			targets.add(target);
			target.putKey(target.getKey(0));
			for (int i = 0; i < WARM_CALLS; i++) {
				target.get(0, false);
				target.put(0);
			}
			footprints.put(name, Footprint.take().minus(before));
		}
		return targets;
	}

	private static String environment(EtcdClient admin, Instant started, double loadBefore) {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		EndpointStatus status = admin.cluster().status();
		return String.format(Locale.ROOT,
				"Run %s, %d s. Machine: %d CPUs, %.1f GiB RAM, %s %s; Java %s (%s); etcd %s (database %.0f MiB at the end). Load average %.2f at the start, %.2f at the end.",
				started.truncatedTo(ChronoUnit.SECONDS), Duration.between(started, Instant.now()).toSeconds(),
				os.getAvailableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
				System.getProperty("os.name"), System.getProperty("os.arch"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"), status.version(),
				status.dbSize() / (1024.0 * 1024), loadBefore, os.getSystemLoadAverage());
	}

	/**
	 * The report of one invocation.
	 *
	 * @param markdown the tables, as printed and written
	 * @param results the samples behind them
	 */
	record Report(String markdown, Results results) {
	}

}
