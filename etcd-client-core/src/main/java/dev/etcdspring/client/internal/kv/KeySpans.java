package dev.etcdspring.client.internal.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The keys a write touches, to keep writes that meet out of one combined transaction:
 * etcd refuses a transaction that writes a key twice, and a nested transaction's
 * conditions see the state before the whole transaction, not its siblings' writes. Single
 * keys sit in a hash set, so a batch of puts checks each key in constant time; ranges
 * (prefix deletes, range reads inside a transaction) are compared one by one.
 */
final class KeySpans {

	/** No keys: reads, which never conflict with each other. */
	static final KeySpans NONE = new KeySpans();

	private final Set<ByteBuffer> keys = new HashSet<>();

	private final List<byte[][]> ranges = new ArrayList<>(0);

	/**
	 * Add a key, or the range {@code [key, rangeEnd)} in etcd's sense ({@code "\0"} as
	 * the end means every key from {@code key} on).
	 * @param key the key
	 * @param rangeEnd the end, exclusive; {@code null} or empty for the key alone
	 * @return this
	 */
	KeySpans add(byte[] key, byte @Nullable [] rangeEnd) {
		if (rangeEnd == null || rangeEnd.length == 0) {
			this.keys.add(ByteBuffer.wrap(key));
		}
		else {
			this.ranges.add(new byte[][] { key, rangeEnd });
		}
		return this;
	}

	/** Add every key and range of {@code other}. */
	void addAll(KeySpans other) {
		this.keys.addAll(other.keys);
		this.ranges.addAll(other.ranges);
	}

	boolean isEmpty() {
		return this.keys.isEmpty() && this.ranges.isEmpty();
	}

	/**
	 * Whether any key or range of {@code other} meets one of these.
	 * @param other the spans to test
	 * @return whether they overlap
	 */
	boolean overlaps(KeySpans other) {
		for (ByteBuffer key : other.keys) {
			if (this.keys.contains(key) || inRanges(key.array(), this.ranges)) {
				return true;
			}
		}
		for (byte[][] range : other.ranges) {
			for (byte[][] mine : this.ranges) {
				if (overlap(range, mine)) {
					return true;
				}
			}
			for (ByteBuffer key : this.keys) {
				if (contains(range, key.array())) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean inRanges(byte[] key, List<byte[][]> ranges) {
		for (byte[][] range : ranges) {
			if (contains(range, key)) {
				return true;
			}
		}
		return false;
	}

	private static boolean contains(byte[][] range, byte[] key) {
		return Arrays.compareUnsigned(key, range[0]) >= 0 && beforeEnd(key, range[1]);
	}

	private static boolean overlap(byte[][] a, byte[][] b) {
		// [a0, a1) and [b0, b1) meet when each starts before the other ends
		return beforeEnd(a[0], b[1]) && beforeEnd(b[0], a[1]);
	}

	/** Whether {@code key} lies before the exclusive {@code end} ("\0": no end). */
	private static boolean beforeEnd(byte[] key, byte[] end) {
		return (end.length == 1 && end[0] == 0) || Arrays.compareUnsigned(key, end) < 0;
	}

}
