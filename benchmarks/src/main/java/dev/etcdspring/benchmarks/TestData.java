package dev.etcdspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Keys, values and the gateway's JSON bodies, identical for every client. Keys are 16
 * bytes ({@code /b/<client><kind>/<10 digits>}), values 128 bytes.
 */
final class TestData {

	static final int KEY_BYTES = 16;

	static final int VALUE_BYTES = 128;

	/** The value every key holds before a scenario; CAS swaps it for {@link #VALUE_B}. */
	static final byte[] VALUE_A = value(1);

	static final byte[] VALUE_B = value(2);

	private static final int INDEX_DIGITS = 10;

	private TestData() {
	}

	/**
	 * Return a key of one client's key space.
	 * @param client the client's tag ({@code o}, {@code j}, {@code p}, {@code w})
	 * @param kind the scenario's tag
	 * @param index the worker (or bulk key) index
	 */
	static byte[] key(char client, char kind, long index) {
		byte[] key = String.format("/b/%c%c/%0" + INDEX_DIGITS + "d", client, kind, index)
			.getBytes(StandardCharsets.US_ASCII);
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException("Key index out of range: " + index);
		}
		return key;
	}

	/**
	 * Return the prefix shared by the keys of one client and kind.
	 */
	static String prefix(char client, char kind) {
		return "/b/" + client + kind + "/";
	}

	/**
	 * Return the index a key was built from.
	 */
	static int index(byte[] key) {
		int index = 0;
		for (int i = key.length - INDEX_DIGITS; i < key.length; i++) {
			index = index * 10 + (key[i] - '0');
		}
		return index;
	}

	static byte[] prefixEnd(byte[] prefix) {
		byte[] end = Arrays.copyOf(prefix, prefix.length);
		end[end.length - 1]++;
		return end;
	}

	static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	static String rangeJson(byte[] key, boolean serializable) {
		return "{\"key\":\"" + base64(key) + "\"" + (serializable ? ",\"serializable\":true" : "") + "}";
	}

	static String putJson(byte[] key, byte[] value) {
		return "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}";
	}

	/**
	 * A transaction that puts {@code next} when the key holds {@code expected}.
	 */
	static String casJson(byte[] key, byte[] expected, byte[] next) {
		return "{\"compare\":[{\"result\":\"EQUAL\",\"target\":\"VALUE\",\"key\":\"" + base64(key) + "\",\"value\":\""
				+ base64(expected) + "\"}],\"success\":[{\"request_put\":" + putJson(key, next) + "}]}";
	}

	static String watchJson(byte[] prefix) {
		return "{\"create_request\":{\"key\":\"" + base64(prefix) + "\",\"range_end\":\"" + base64(prefixEnd(prefix))
				+ "\"}}";
	}

	private static byte[] value(long seed) {
		// printable, incompressible-looking, the same on every run
		SplittableRandom random = new SplittableRandom(seed);
		byte[] value = new byte[VALUE_BYTES];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) ('!' + random.nextInt(94));
		}
		return value;
	}

}
