package dev.etcdspring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's ceiling: {@code wrk} (C, epoll, keep-alive) posting one fixed JSON body
 * per scenario, as a subprocess with {@code -c} = concurrency. It measures whole seconds
 * only, so a measurement lasts at least one second. Its CPU is not measured.
 */
final class Wrk {

	static final char TAG = 'w';

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");

	private static final Pattern FAILURES = Pattern
		.compile("(?:Non-2xx or 3xx responses:|errors: connect|, read|, write|, timeout)\\s+(\\d+)");

	private final String endpoint;

	private final Path scripts;

	private Wrk(String endpoint, Path scripts) {
		this.endpoint = endpoint;
		this.scripts = scripts;
	}

	/**
	 * Return wrk when it is on the {@code PATH}.
	 */
	static Optional<Wrk> find(String endpoint) throws IOException {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
				return Optional.of(new Wrk(endpoint, Files.createTempDirectory("etcd-bench-wrk-")));
			}
		}
		return Optional.empty();
	}

	/**
	 * Return the fixed body of a scenario. All connections share one key; the CAS body
	 * compares the value with {@link TestData#VALUE_A} and puts the same value, so that
	 * it always succeeds and does the same work as a swap.
	 */
	static String body(Scenario scenario) {
		return switch (scenario) {
			case GET_LINEARIZABLE -> TestData.rangeJson(TestData.key(TAG, 'g', 0), false);
			case GET_SERIALIZABLE -> TestData.rangeJson(TestData.key(TAG, 'g', 0), true);
			case PUT -> TestData.putJson(TestData.key(TAG, 'p', 0), TestData.VALUE_A);
			case CAS -> TestData.casJson(TestData.key(TAG, 'c', 0), TestData.VALUE_A, TestData.VALUE_A);
			default -> throw new IllegalArgumentException("wrk does not run " + scenario.label());
		};
	}

	Sample measure(Scenario scenario, int concurrency, Duration duration) throws IOException, InterruptedException {
		return run(scenario.label(), body(scenario), scenario.path(), concurrency, duration);
	}

	/**
	 * Whether {@link #measureCombined} runs for a scenario and concurrency: reads and
	 * puts, with at least two callers to combine.
	 */
	static boolean combines(Scenario scenario, int concurrency) {
		return concurrency >= 2 && switch (scenario) {
			case GET_LINEARIZABLE, GET_SERIALIZABLE, PUT -> true;
			default -> false;
		};
	}

	/**
	 * What a coalescing client could reach at best with {@code concurrency} callers: wrk
	 * on {@code n} connections, each posting one transaction of {@code concurrency / n}
	 * operations on distinct keys and sending the next the moment the answer arrives, for
	 * {@code n} in 1, 2 and 4. It spends next to no CPU, forms every batch whole and
	 * never waits for a free round trip; the best of the three shapes is returned,
	 * counting operations (keys), with the latency of its transactions.
	 */
	Sample measureCombined(Scenario scenario, int concurrency, Duration duration)
			throws IOException, InterruptedException {
		Sample best = null;
		for (int connections = 1; connections <= 4 && connections * 2 <= concurrency; connections *= 2) {
			int size = concurrency / connections;
			Sample sample = run(scenario.label() + "-txn" + size, combinedBody(scenario, size), "/v3/kv/txn",
					connections, duration);
			Sample perOperation = new Sample(sample.ops() * size, sample.errors(), sample.elapsedNanos(),
					sample.p50Nanos(), sample.p99Nanos(), -1, -1, sample.firstError());
			if (best == null || perOperation.opsPerSecond() > best.opsPerSecond()) {
				best = perOperation;
			}
		}
		return best;
	}

	static String combinedBody(Scenario scenario, int size) {
		StringBuilder ops = new StringBuilder();
		for (int i = 0; i < size; i++) {
			ops.append((i > 0) ? "," : "");
			ops.append(switch (scenario) {
				case GET_LINEARIZABLE ->
					"{\"request_range\":" + TestData.rangeJson(TestData.key(TAG, 'g', i), false) + "}";
				case GET_SERIALIZABLE ->
					"{\"request_range\":" + TestData.rangeJson(TestData.key(TAG, 'g', i), true) + "}";
				case PUT -> "{\"request_put\":" + TestData.putJson(TestData.key(TAG, 'p', i), TestData.VALUE_A) + "}";
				default -> throw new IllegalArgumentException("wrk does not combine " + scenario.label());
			});
		}
		return "{\"success\":[" + ops + "]}";
	}

	private Sample run(String name, String body, String path, int connections, Duration duration)
			throws IOException, InterruptedException {
		Path script = this.scripts.resolve(name + ".lua");
		if (!Files.exists(script)) {
			Files.writeString(script,
					"wrk.method = \"POST\"\n" + "wrk.body = '" + body + "'\n"
							+ "wrk.headers[\"Content-Type\"] = \"application/json\"\n" + "wrk.headers[\""
							+ PlainTarget.HAS_LEADER_HEADER + "\"] = \"true\"\n",
					StandardCharsets.UTF_8);
		}
		long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
		Process process = new ProcessBuilder("wrk", "-t", String.valueOf(Math.min(2, connections)), "-c",
				String.valueOf(connections), "-d", seconds + "s", "--latency", "-s", script.toString(),
				this.endpoint + path)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("wrk failed:\n" + output);
		}
		return parse(output);
	}

	static Sample parse(String output) {
		Matcher rate = REQUESTS_PER_SECOND.matcher(output);
		Matcher requests = REQUESTS.matcher(output);
		if (!rate.find() || !requests.find()) {
			throw new IllegalStateException("Unexpected wrk output:\n" + output);
		}
		long ops = Long.parseLong(requests.group(1));
		long elapsed = Math.round(ops * 1e9 / Double.parseDouble(rate.group(1)));
		long errors = 0;
		Matcher failures = FAILURES.matcher(output);
		while (failures.find()) {
			errors += Long.parseLong(failures.group(1));
		}
		return new Sample(ops, errors, elapsed, latency(output, "50%"), latency(output, "99%"), -1, -1,
				(errors > 0) ? "wrk counted failed requests:\n" + output : null);
	}

	private static long latency(String output, String percentile) {
		Matcher matcher = Pattern.compile("^\\s*" + percentile + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
			.matcher(output);
		if (!matcher.find()) {
			return -1;
		}
		double value = Double.parseDouble(matcher.group(1));
		double nanos = switch (matcher.group(2)) {
			case "us" -> value * 1e3;
			case "ms" -> value * 1e6;
			default -> value * 1e9;
		};
		return Math.round(nanos);
	}

}
