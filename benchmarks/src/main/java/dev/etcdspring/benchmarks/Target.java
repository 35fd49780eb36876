package dev.etcdspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import dev.etcdspring.client.mirror.EtcdMirror;

/**
 * One client under test. Each worker of a scenario has its own key in the client's own
 * key space, so the clients never touch each other's data.
 */
abstract class Target implements AutoCloseable {

	private final String name;

	private final char tag;

	private final byte[][] getKeys;

	private final byte[][] putKeys;

	private final byte[][] casKeys;

	private final byte[][] watchKeys;

	private final boolean[] swapped;

	Target(String name, char tag, int workers) {
		this.name = name;
		this.tag = tag;
		this.getKeys = keys(tag, 'g', workers);
		this.putKeys = keys(tag, 'p', workers);
		this.casKeys = keys(tag, 'c', workers);
		this.watchKeys = keys(tag, 'w', workers);
		this.swapped = new boolean[workers];
	}

	static byte[][] keys(char tag, char kind, int workers) {
		byte[][] keys = new byte[workers][];
		for (int worker = 0; worker < workers; worker++) {
			keys[worker] = TestData.key(tag, kind, worker);
		}
		return keys;
	}

	final String name() {
		return this.name;
	}

	final char tag() {
		return this.tag;
	}

	final byte[] getKey(int worker) {
		return this.getKeys[worker];
	}

	final byte[] putKey(int worker) {
		return this.putKeys[worker];
	}

	final byte[] casKey(int worker) {
		return this.casKeys[worker];
	}

	final byte[] watchKey(int worker) {
		return this.watchKeys[worker];
	}

	/**
	 * Return the value a worker's CAS key holds now.
	 */
	final byte[] expected(int worker) {
		return this.swapped[worker] ? TestData.VALUE_B : TestData.VALUE_A;
	}

	/**
	 * Return the value a worker's CAS puts next.
	 */
	final byte[] next(int worker) {
		return this.swapped[worker] ? TestData.VALUE_A : TestData.VALUE_B;
	}

	/**
	 * Record that a worker's CAS ran (or that it failed because the value was the other
	 * one): either way the key now holds the other value.
	 */
	final void swapped(int worker, boolean succeeded) {
		this.swapped[worker] = !this.swapped[worker];
		if (!succeeded) {
			throw new IllegalStateException("compare-and-swap failed on " + new String(casKey(worker)));
		}
	}

	/**
	 * Forget the CAS state: every CAS key was just set to {@link TestData#VALUE_A}.
	 */
	final void resetSwaps() {
		Arrays.fill(this.swapped, false);
	}

	/**
	 * Read the worker's key, which must exist.
	 */
	abstract void get(int worker, boolean serializable) throws Exception;

	/**
	 * Put {@link TestData#VALUE_A} at the worker's key.
	 */
	abstract void put(int worker) throws Exception;

	/**
	 * Swap the worker's CAS key from {@link #expected(int)} to {@link #next(int)}.
	 */
	abstract void compareAndSwap(int worker) throws Exception;

	/**
	 * Put the worker's watched key.
	 */
	abstract void putWatched(int worker) throws Exception;

	/**
	 * Watch a prefix; {@code arrived} gets the key of each event, on the client's
	 * delivery thread.
	 * @return the handle that ends the watch
	 */
	abstract AutoCloseable watch(String prefix, Consumer<byte[]> arrived) throws Exception;

	/**
	 * Put one key (bulk scenario, concurrent single puts).
	 */
	abstract void putKey(byte[] key) throws Exception;

	/**
	 * Put keys in one transaction (bulk scenario, at most 128 keys).
	 */
	abstract void putBatch(List<byte[]> keys) throws Exception;

	/**
	 * Put every key through the client's bulk API, {@code parallelism} transactions in
	 * flight (bulk scenario); only clients with such an API support it.
	 * @throws Exception when not every key was put
	 */
	void putBulk(List<byte[]> keys, int parallelism) throws Exception {
		throw new UnsupportedOperationException(this.name + " has no bulk API");
	}

	/**
	 * Put every key with single puts, {@code concurrency} at a time; by default from the
	 * runner's worker threads, blocking.
	 * @return the number of failed puts
	 */
	long putConcurrently(List<byte[]> keys, int concurrency, LoadRunner runner) throws Exception {
		return runner.runAll(concurrency, keys.size(), (index) -> putKey(keys.get(index)));
	}

	/**
	 * Whether the client has locks and elections, for the {@link Scenario#usesRecipes()
	 * lock and election scenarios}.
	 */
	boolean hasRecipes() {
		return false;
	}

	/**
	 * Return one uncontended lock per worker ({@link #lockName(int)}), all on one lease
	 * of their own that the client keeps alive, as a session would: granting and renewing
	 * it is not part of what is measured.
	 */
	Locks locks(int workers) throws Exception {
		throw new UnsupportedOperationException(this.name + " has no locks");
	}

	/**
	 * Return a candidate in the election {@link #electionName(int)
	 * electionName(election)}, on a lease of its own that the client keeps alive.
	 */
	Candidate candidate(int election, String value) throws Exception {
		throw new UnsupportedOperationException(this.name + " has no elections");
	}

	/**
	 * Whether the client has an {@code EtcdMirror}, for the {@link Scenario#usesMirror()
	 * mirror scenarios}.
	 */
	boolean hasMirror() {
		return false;
	}

	/**
	 * Start mirroring a prefix.
	 */
	EtcdMirror mirror(String prefix) {
		throw new UnsupportedOperationException(this.name + " has no mirror");
	}

	/**
	 * Return the name of a worker's lock; its keys are {@code NAME/<lease id in hex>}.
	 */
	final String lockName(int worker) {
		return new String(TestData.key(this.tag, 'l', worker), StandardCharsets.US_ASCII);
	}

	/**
	 * Return the name of one of the elections of the hand-over scenario.
	 */
	final String electionName(int election) {
		return new String(TestData.key(this.tag, 'e', election), StandardCharsets.US_ASCII);
	}

	@Override
	public abstract void close();

	/**
	 * The locks of the lock scenario, and the lease they are held with.
	 */
	interface Locks extends AutoCloseable {

		/**
		 * Acquire the worker's lock (nobody else wants it) and release it.
		 */
		void lockAndUnlock(int worker) throws Exception;

	}

	/**
	 * One candidate of the election hand-over, with a lease of its own; one thread at a
	 * time campaigns.
	 */
	interface Candidate extends AutoCloseable {

		/**
		 * Run for leader and wait until elected.
		 */
		void campaign() throws Exception;

		/**
		 * Step down, so that the next candidate leads.
		 */
		void resign() throws Exception;

	}

}
