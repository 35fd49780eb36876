package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A condition of a transaction: {@code Compare.value(key).equalTo(bytes)},
 * {@code Compare.version(key).equalTo(0)} (the key does not exist),
 * {@code Compare.modRevision(key).lessThan(rev)}.
 *
 * @param target what is compared
 * @param result the comparison
 * @param key the key
 * @param operand the value compared with: {@code byte[]} for values, {@code Long}
 * otherwise
 * @since 0.1.0
 */
public record Compare(Target target, Result result, byte[] key, Object operand) {

	/**
	 * Compare a key's value.
	 * @param key the key
	 * @return the step that takes the comparison
	 */
	public static Operand<byte[]> value(byte[] key) {
		return new Operand<>(Target.VALUE, Keys.require(key));
	}

	/**
	 * Compare a key's value.
	 * @param key the key, UTF-8 encoded
	 * @return the step that takes the comparison
	 */
	public static Operand<byte[]> value(String key) {
		return value(Keys.require(key));
	}

	/**
	 * Compare a key's version: 0 when the key does not exist.
	 * @param key the key
	 * @return the step that takes the comparison
	 */
	public static Operand<Long> version(byte[] key) {
		return new Operand<>(Target.VERSION, Keys.require(key));
	}

	/**
	 * Compare the revision of a key's last change.
	 * @param key the key
	 * @return the step that takes the comparison
	 */
	public static Operand<Long> modRevision(byte[] key) {
		return new Operand<>(Target.MOD, Keys.require(key));
	}

	/**
	 * Compare the revision that created a key.
	 * @param key the key
	 * @return the step that takes the comparison
	 */
	public static Operand<Long> createRevision(byte[] key) {
		return new Operand<>(Target.CREATE, Keys.require(key));
	}

	/**
	 * Compare the lease a key is attached to.
	 * @param key the key
	 * @return the step that takes the comparison
	 */
	public static Operand<Long> lease(byte[] key) {
		return new Operand<>(Target.LEASE, Keys.require(key));
	}

	/**
	 * Return this comparison on another key (a namespaced one, for example).
	 * @param otherKey the key
	 * @return the comparison on {@code otherKey}
	 */
	public Compare withKey(byte[] otherKey) {
		return new Compare(this.target, this.result, otherKey, this.operand);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Compare that && this.target == that.target && this.result == that.result
				&& Arrays.equals(this.key, that.key)
				&& Arrays.deepEquals(new Object[] { this.operand }, new Object[] { that.operand });
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.key) * 31 + this.target.hashCode();
	}

	@Override
	public String toString() {
		return "Compare[" + this.target + " of " + Keys.printable(this.key) + " " + this.result + "]";
	}

	/** What a comparison looks at. */
	public enum Target {

		/** The key's version. */
		VERSION,

		/** The key's create revision. */
		CREATE,

		/** The key's last modification revision. */
		MOD,

		/** The key's value. */
		VALUE,

		/** The key's lease. */
		LEASE

	}

	/** The comparison. */
	public enum Result {

		/** Equal. */
		EQUAL,

		/** Greater than the operand. */
		GREATER,

		/** Less than the operand. */
		LESS,

		/** Not equal. */
		NOT_EQUAL

	}

	/**
	 * The second step of building a comparison.
	 *
	 * @param <T> the operand type
	 * @param target what is compared
	 * @param key the key
	 */
	public record Operand<T>(Target target, byte[] key) {

		/**
		 * Hold when the target equals {@code operand}.
		 * @param operand the operand
		 * @return the comparison
		 */
		public Compare equalTo(T operand) {
			return of(Result.EQUAL, operand);
		}

		/**
		 * Hold when the target differs from {@code operand}.
		 * @param operand the operand
		 * @return the comparison
		 */
		public Compare notEqualTo(T operand) {
			return of(Result.NOT_EQUAL, operand);
		}

		/**
		 * Hold when the target is greater than {@code operand}.
		 * @param operand the operand
		 * @return the comparison
		 */
		public Compare greaterThan(T operand) {
			return of(Result.GREATER, operand);
		}

		/**
		 * Hold when the target is less than {@code operand}.
		 * @param operand the operand
		 * @return the comparison
		 */
		public Compare lessThan(T operand) {
			return of(Result.LESS, operand);
		}

		private Compare of(Result result, T operand) {
			Object value = (operand instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : operand;
			if (value == null) {
				throw new IllegalArgumentException("Comparison operand must not be null");
			}
			return new Compare(this.target, result, this.key, value);
		}

	}

}
