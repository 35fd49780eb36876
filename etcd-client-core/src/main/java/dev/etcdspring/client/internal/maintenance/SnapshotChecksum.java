package dev.etcdspring.client.internal.maintenance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks a snapshot as it streams by: etcd sends the database, then its SHA-256 as the
 * last 32 bytes. Which bytes are the last is known only when the stream ends, so the
 * latest 32 bytes are held back from the digest until the next chunk arrives.
 */
final class SnapshotChecksum {

	private static final int HASH_BYTES = 32;

	private final MessageDigest digest;

	/** The latest bytes seen, not yet digested: the checksum if the stream ends now. */
	private final byte[] tail = new byte[HASH_BYTES];

	private int tailLength;

	SnapshotChecksum() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take the next chunk of the stream.
	 * @param chunk the bytes
	 */
	void update(byte[] chunk) {
		if (chunk.length >= HASH_BYTES) {
			this.digest.update(this.tail, 0, this.tailLength);
			this.digest.update(chunk, 0, chunk.length - HASH_BYTES);
			System.arraycopy(chunk, chunk.length - HASH_BYTES, this.tail, 0, HASH_BYTES);
			this.tailLength = HASH_BYTES;
			return;
		}
		// a short chunk: the tail keeps the latest 32 bytes of the tail and the chunk
		int total = this.tailLength + chunk.length;
		int release = Math.max(0, total - HASH_BYTES);
		this.digest.update(this.tail, 0, release);
		System.arraycopy(this.tail, release, this.tail, 0, this.tailLength - release);
		System.arraycopy(chunk, 0, this.tail, this.tailLength - release, chunk.length);
		this.tailLength = total - release;
	}

	/**
	 * Whether the bytes so far end with the SHA-256 of the bytes before.
	 * @return {@code true} for a complete, intact snapshot
	 */
	boolean matches() {
		return this.tailLength == HASH_BYTES && MessageDigest.isEqual(this.digest.digest(), this.tail);
	}

}
