package dev.etcdspring.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario for a moment, so the benchmarks keep compiling and working; the
 * real runs are {@code -Pbenchmark}.
 */
class BenchmarkMainTests {

	@TempDir
	Path dir;

	@Test
	void runEveryScenarioBrieflyShouldWriteTablesOfNonZeroNumbers() throws Exception {
		Path output = this.dir.resolve("report.md");
		BenchmarkOptions options = BenchmarkOptions.parse("rounds=1", "duration=200ms", "warmup=50ms",
				"concurrency=1,2", "bulk-keys=200", "bulk-concurrency=8", "clients=ours,rest,jetcd,plain",
				"output=" + output);

		BenchmarkMain.Report report = BenchmarkMain.run(options, System.err);

		assertThat(report.results().failures()).isEmpty();
		assertThat(Files.readString(output)).isEqualTo(report.markdown());
		List<String> throughput = tableRows(report.markdown(), "### Throughput");
		assertThat(throughput).hasSize(5 * 2);
		for (String row : throughput) {
			List<String> cells = cells(row);
			// scenario, c, ours, rest, jetcd, plain, wrk (not run), ours/rest,
			// ours/jetcd, ours/plain, ours/wrk, rest/wrk
			assertThat(cells.subList(2, 6)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
			assertThat(cells.subList(7, 10)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
		}
		List<String> latency = tableRows(report.markdown(), "### Latency");
		assertThat(latency).hasSize(5 * 2)
			.allSatisfy((row) -> assertThat(cells(row).get(2)).matches("\\d+\\.\\d+ / \\d+\\.\\d+"));
		List<String> cost = tableRows(report.markdown(), "### Client CPU");
		// the CPU and allocation of both transports
		assertThat(cost).hasSize(5 * 2)
			.allSatisfy((row) -> assertThat(cells(row).subList(2, 4))
				.allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive()));
		List<String> recipes = tableRows(report.markdown(), "### Locks and elections");
		// the lock at each concurrency, the hand-over only at 1
		assertThat(recipes).extracting((row) -> cells(row).get(0) + " " + cells(row).get(1))
			.containsExactly("lock 1", "lock 2", "election-handover 1");
		for (String row : recipes) {
			List<String> cells = cells(row);
			// ours, rest and jetcd p50 / p99, then ours/jetcd for p50 and p99
			assertThat(cells.subList(2, 5)).allSatisfy((cell) -> assertThat(cell).matches("\\d+\\.\\d+ / \\d+\\.\\d+"));
			assertThat(cells.subList(5, 7)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
			if (cells.get(0).equals("lock")) {
				// ops/s of ours and jetcd
				assertThat(cells.subList(7, 9)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
			}
		}
		List<String> mirrorReads = tableRows(report.markdown(), "### Reads from a mirror");
		assertThat(mirrorReads).extracting((row) -> cells(row).get(0)).containsExactly("1", "2");
		for (String row : mirrorReads) {
			List<String> cells = cells(row);
			// ops/s of the mirror, ours get-ser and jetcd get-ser, mirror/jetcd,
			// mirror/ours-ser, then their p50 / p99
			assertThat(cells.subList(1, 6)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
			assertThat(cells.subList(6, 9)).allSatisfy((cell) -> assertThat(cell).matches("\\d+\\.\\d+ / \\d+\\.\\d+"));
		}
		List<String> mirrorVisible = tableRows(report.markdown(), "### Put to visible in a mirror");
		// one put at a time
		assertThat(mirrorVisible).singleElement().satisfies((row) -> {
			List<String> cells = cells(row);
			assertThat(cells.get(0)).isEqualTo("1");
			assertThat(cells.subList(1, 4)).allSatisfy((cell) -> assertThat(cell).matches("\\d+\\.\\d+ / \\d+\\.\\d+"));
			assertThat(cells.subList(4, 6)).allSatisfy((cell) -> assertThat(Double.parseDouble(cell)).isPositive());
		});
		List<String> bulk = tableRows(report.markdown(), "### Bulk put");
		assertThat(bulk).extracting((row) -> cells(row).get(0))
			.containsExactly("ours-bulk", "ours-bulk-p1", "ours-txn128", "jetcd-concurrent", "ours-concurrent",
					"jetcd-txn128", "plain-txn128", "plain-concurrent");
		assertThat(bulk).allSatisfy((row) -> assertThat(Double.parseDouble(cells(row).get(2))).isPositive());
	}

	@Test
	void clusterOfThreeShouldSpreadOurSerializableGetsAndJetcdsOverEveryMember() throws Exception {
		Path output = this.dir.resolve("cluster.md");
		BenchmarkOptions options = BenchmarkOptions.parse("rounds=1", "duration=300ms", "warmup=50ms", "concurrency=4",
				"clients=ours,jetcd", "cluster=3", "output=" + output);

		String markdown = ClusterReads.run(options, System.err);

		assertThat(Files.readString(output)).isEqualTo(markdown);
		List<String> rows = tableRows(markdown, "### c = 4");
		assertThat(rows).extracting((row) -> cells(row).get(0)).containsExactly("ours-rr", "ours-sticky", "jetcd-rr");
		for (String row : rows) {
			List<String> cells = cells(row);
			// gets/s, p50, p99, then no errors
			assertThat(cells.subList(1, 4))
				.allSatisfy((cell) -> assertThat(Double.parseDouble(cell.replace(",", ""))).isPositive());
			assertThat(cells.get(4)).isEqualTo("0");
			List<String> shares = List.of(cells.get(5).split(" / "));
			assertThat(shares).hasSize(3);
			if (cells.get(0).equals("ours-sticky")) {
				assertThat(shares).containsOnlyOnce("100%");
			}
			else {
				// round-robin: about a third each
				assertThat(shares).allSatisfy((share) -> assertThat(share).isNotIn("0%", "100%"));
			}
		}
	}

	@Test
	void wrkOutputShouldGiveRateLatenciesAndFailures() {
		String output = """
				Running 1s test @ http://127.0.0.1:23790/v3/kv/range
				  2 threads and 16 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency     1.37ms    0.90ms   7.33ms   76.15%
				    Req/Sec     6.15k     1.05k   10.66k    95.24%
				  Latency Distribution
				     50%  635.00us
				     75%    1.82ms
				     90%    2.65ms
				     99%    4.20ms
				  12848 requests in 1.10s, 7.06MB read
				  Socket errors: connect 0, read 2, write 0, timeout 1
				  Non-2xx or 3xx responses: 4
				Requests/sec:  11687.89
				Transfer/sec:      6.42MB
				""";

		Sample sample = Wrk.parse(output);

		assertThat(sample.ops()).isEqualTo(12848);
		assertThat(sample.opsPerSecond()).isCloseTo(11687.89, org.assertj.core.data.Offset.offset(0.5));
		assertThat(sample.p50Nanos()).isEqualTo(635_000);
		assertThat(sample.p99Nanos()).isEqualTo(4_200_000);
		assertThat(sample.errors()).isEqualTo(7);
	}

	@Test
	void combinedBodiesShouldBeTransactionsEtcdAnswersOperationByOperation() throws Exception {
		try (EtcdServer etcd = EtcdServer.builder().start()) {
			HttpClient http = HttpClient.newHttpClient();
			for (Scenario scenario : List.of(Scenario.GET_LINEARIZABLE, Scenario.GET_SERIALIZABLE, Scenario.PUT)) {
				assertThat(Wrk.combines(scenario, 16)).isTrue();
				HttpResponse<String> answer = http
					.send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v3/kv/txn"))
						.POST(HttpRequest.BodyPublishers.ofString(Wrk.combinedBody(scenario, 8)))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				String operation = (scenario == Scenario.PUT) ? "\"response_put\"" : "\"response_range\"";
				assertThat(answer.body().split(operation, -1)).as(answer.body()).hasSize(8 + 1);
			}
		}
		assertThat(Wrk.combines(Scenario.CAS, 16)).isFalse();
		assertThat(Wrk.combines(Scenario.PUT, 1)).isFalse();
	}

	private static List<String> tableRows(String markdown, String heading) {
		int start = markdown.indexOf(heading);
		assertThat(start).as("table %s", heading).isNotNegative();
		String rest = markdown.substring(start);
		String table = rest.substring(rest.indexOf("\n|"), rest.indexOf("\n\n", rest.indexOf("\n|")));
		// header and separator first
		return table.lines().filter((line) -> line.startsWith("|")).skip(2).toList();
	}

	private static List<String> cells(String row) {
		return Arrays.stream(row.substring(1, row.length() - 1).split("\\|")).map(String::strip).toList();
	}

}
