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
	BULK("bulk", "/v3/kv/txn"),

	/**
	 * Acquire and release an uncontended lock, each worker its own, on one lease that the
	 * client keeps alive (the path is etcd's lock service; plain and wrk do not run it).
	 */
	LOCK("lock", "/v3/lock/lock"),

	/**
	 * Two candidates of an election, each on a lease of its own: from the leader's
	 * resignation to the return of the waiting candidate's campaign, one hand-over at a
	 * time ({@link ElectionHandover}).
	 */
	ELECTION_HANDOVER("election-handover", "/v3/election/campaign"),

	/**
	 * Read the get scenarios' keys from an {@code EtcdMirror} of their prefix (ours);
	 * every client also reads them serializably, for reference.
	 */
	MIRROR_GET("mirror-get", "/v3/kv/range"),

	/**
	 * Put a key (through another client of ours) and wait until an {@code EtcdMirror} has
	 * it, one put at a time; every client also runs the watch scenario's put to callback,
	 * for reference.
	 */
	MIRROR_VISIBLE("mirror-visible", "/v3/watch");

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
		return switch (this) {
			case GET_LINEARIZABLE, GET_SERIALIZABLE, PUT, CAS -> true;
			default -> false;
		};
	}

	/**
	 * Whether it needs a client with locks and elections (ours and jetcd, not plain).
	 */
	boolean usesRecipes() {
		return this == LOCK || this == ELECTION_HANDOVER;
	}

	/**
	 * Whether it runs at concurrency 1 only, whatever the options say: hand-overs and
	 * puts to a mirror are measured one at a time.
	 */
	boolean singleCaller() {
		return this == ELECTION_HANDOVER || this == MIRROR_VISIBLE;
	}

	/**
	 * Whether it measures {@code EtcdMirror} (with the clients' own calls for reference).
	 */
	boolean usesMirror() {
		return this == MIRROR_GET || this == MIRROR_VISIBLE;
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
