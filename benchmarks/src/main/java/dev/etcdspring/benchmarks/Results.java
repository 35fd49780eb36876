package dev.etcdspring.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every sample, by scenario, concurrency and client, and their medians over the rounds.
 */
final class Results {

	private final Map<Cell, List<Sample>> samples = new LinkedHashMap<>();

	void add(Scenario scenario, int concurrency, String client, Sample sample) {
		this.samples.computeIfAbsent(new Cell(scenario, concurrency, client), (cell) -> new ArrayList<>()).add(sample);
	}

	List<Sample> samples(Scenario scenario, int concurrency, String client) {
		return this.samples.getOrDefault(new Cell(scenario, concurrency, client), List.of());
	}

	/**
	 * Return the median of a metric over the rounds, NaN when there is none.
	 */
	double median(Scenario scenario, int concurrency, String client, ToDoubleFunction<Sample> metric) {
		double[] values = samples(scenario, concurrency, client).stream()
			.mapToDouble(metric)
			.filter((value) -> !Double.isNaN(value))
			.sorted()
			.toArray();
		return median(values);
	}

	static double median(double[] sorted) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Return the cells measured for a scenario, in the order they were first measured.
	 */
	List<Cell> cells(Scenario scenario) {
		return this.samples.keySet().stream().filter((cell) -> cell.scenario() == scenario).toList();
	}

	List<Integer> concurrencies(Scenario scenario) {
		return cells(scenario).stream().map(Cell::concurrency).distinct().toList();
	}

	boolean hasClient(String client) {
		return Arrays.stream(Scenario.values()).anyMatch((scenario) -> clients(scenario).contains(client));
	}

	List<String> clients(Scenario scenario) {
		return cells(scenario).stream().map(Cell::client).distinct().toList();
	}

	/**
	 * Return each cell that had failures, with its error count and first error.
	 */
	List<String> failures() {
		List<String> failures = new ArrayList<>();
		this.samples.forEach((cell, list) -> {
			long errors = list.stream().mapToLong(Sample::errors).sum();
			if (errors > 0) {
				String first = list.stream()
					.map(Sample::firstError)
					.filter((error) -> error != null)
					.findFirst()
					.orElse("");
				failures.add(cell.scenario().label() + " c=" + cell.concurrency() + " " + cell.client() + ": " + errors
						+ " failed (" + first.lines().findFirst().orElse("") + ")");
			}
		});
		return failures;
	}

	@Override
	public String toString() {
		return Arrays.toString(this.samples.keySet().toArray());
	}

	/**
	 * Where a sample belongs.
	 *
	 * @param scenario the scenario
	 * @param concurrency concurrent callers
	 * @param client the client (or, for the bulk scenario, the variant)
	 */
	record Cell(Scenario scenario, int concurrency, String client) {
	}

}
