package dev.etcdspring.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * What is measured.
 */
enum Scenario {

	/** Read one key through the leader (linearizable). */
	GET_LINEARIZABLE("get-lin", "/v3/kv/range"),

	/** Read one key from the member's local state (serializable). */
	GET_SERIALIZABLE("get-ser", "/v3/kv/range"),

	/** Put one 128-byte value. */
	PUT("put", "/v3/kv/put"),

	/** Compare a key's value and swap it for another in one transaction. */
	CAS("cas", "/v3/kv/txn"),

	/** Put a key and wait until a prefix watch on the same client reports it. */
	WATCH("watch", "/v3/watch"),

	/** Put many keys: batched transactions against concurrent single puts. */
	BULK("bulk", "/v3/kv/txn");

	private final String label;

	private final String path;

	Scenario(String label, String path) {
		this.label = label;
		this.path = path;
	}

	String label() {
		return this.label;
	}

	/**
	 * Return the gateway path the plain and wrk clients post to.
	 */
	String path() {
		return this.path;
	}

	/**
	 * Whether wrk can measure the gateway's ceiling for it (a fixed body, one answer per
	 * request).
	 */
	boolean hasWrkCeiling() {
		return this != WATCH && this != BULK;
	}

	static Scenario of(String label) {
		return Arrays.stream(values())
			.filter((scenario) -> scenario.label.equals(label.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown scenario '" + label + "', expected one of " + labels(List.of(values()))));
	}

	static String labels(List<Scenario> scenarios) {
		return String.join(",", scenarios.stream().map(Scenario::label).toList());
	}

}
