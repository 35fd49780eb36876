package dev.etcdspring.client.maintenance;

/**
 * Told how a snapshot download advances, after each chunk that etcd sends (about every 32
 * KiB). Called on the thread that downloads: keep it quick.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SnapshotProgressListener {

	/**
	 * A chunk was written to the output.
	 * @param bytesSoFar the bytes written so far
	 * @param remainingBytes the bytes etcd says are still to come (0 with the last
	 * chunks)
	 */
	void progress(long bytesSoFar, long remainingBytes);

}
