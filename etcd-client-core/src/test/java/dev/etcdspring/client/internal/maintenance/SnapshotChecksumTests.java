package dev.etcdspring.client.internal.maintenance;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SnapshotChecksum}: the last 32 bytes of whatever chunks arrive must be
 * the SHA-256 of the bytes before them.
 */
class SnapshotChecksumTests {

	@Test
	void completeSnapshotShouldMatchWhateverTheChunkSizes() throws Exception {
		byte[] snapshot = snapshot(100_000);
		for (int chunkSize : new int[] { 1, 7, 31, 32, 33, 4096, 32 * 1024, snapshot.length }) {
			assertThat(feed(snapshot, chunkSize).matches()).as("chunks of %d", chunkSize).isTrue();
		}
	}

	@Test
	void snapshotEndingWithAShortChunkShouldMatch() throws Exception {
		byte[] snapshot = snapshot(70_000);
		SnapshotChecksum checksum = new SnapshotChecksum();
		checksum.update(Arrays.copyOfRange(snapshot, 0, 40_000));
		checksum.update(Arrays.copyOfRange(snapshot, 40_000, snapshot.length - 10));
		checksum.update(Arrays.copyOfRange(snapshot, snapshot.length - 10, snapshot.length));
		assertThat(checksum.matches()).isTrue();
	}

	@Test
	void truncatedOrAlteredSnapshotShouldNotMatch() throws Exception {
		byte[] snapshot = snapshot(50_000);
		assertThat(feed(Arrays.copyOf(snapshot, snapshot.length - 1), 1000).matches()).isFalse();
		assertThat(feed(Arrays.copyOf(snapshot, 32 * 1024), 1000).matches()).isFalse();
		snapshot[123] ^= 1;
		assertThat(feed(snapshot, 1000).matches()).isFalse();
		assertThat(new SnapshotChecksum().matches()).isFalse();
	}

	private static SnapshotChecksum feed(byte[] snapshot, int chunkSize) {
		SnapshotChecksum checksum = new SnapshotChecksum();
		for (int from = 0; from < snapshot.length; from += chunkSize) {
			checksum.update(Arrays.copyOfRange(snapshot, from, Math.min(snapshot.length, from + chunkSize)));
		}
		return checksum;
	}

	/** Data followed by its SHA-256, as etcd sends a snapshot. */
	private static byte[] snapshot(int dataBytes) throws Exception {
		byte[] data = new byte[dataBytes];
		new Random(dataBytes).nextBytes(data);
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
		byte[] snapshot = Arrays.copyOf(data, dataBytes + hash.length);
		System.arraycopy(hash, 0, snapshot, dataBytes, hash.length);
		return snapshot;
	}

}
