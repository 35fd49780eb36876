package dev.etcdspring.client.internal.maintenance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.internal.codec.GatewayAnswers;
import dev.etcdspring.client.internal.codec.GatewayJson;
import dev.etcdspring.client.internal.codec.GatewayJsonException;
import dev.etcdspring.client.internal.codec.GatewayMessageStream;
import dev.etcdspring.client.internal.transport.GatewayErrors;
import dev.etcdspring.client.internal.transport.GatewayTransport.GatewayStream;
import dev.etcdspring.client.internal.transport.RequestKind;
import dev.etcdspring.client.maintenance.Snapshot;
import dev.etcdspring.client.maintenance.SnapshotProgressListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Copies one snapshot stream to an output, a chunk at a time: etcd answers
 * {@code maintenance/snapshot} with one {@code {"result":{"blob":...}}} line per chunk of
 * at most 32 KiB, the last one the SHA-256 of the others. An open stream has no deadline
 * of its own, so a stream that sends nothing for {@code stallTimeout} is closed, which
 * ends the blocked read.
 */
final class SnapshotDownload {

	static final String PATH = "maintenance/snapshot";

	private static final Log logger = LogFactory.getLog(SnapshotDownload.class);

	/** How often the progress is logged, and a stall looked for. */
	private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

	private final GatewayStream stream;

	private final Duration stallTimeout;

	private final SnapshotChecksum checksum = new SnapshotChecksum();

	private volatile long bytes;

	private volatile long lastChunkAt = System.nanoTime();

	private volatile boolean stalled;

	SnapshotDownload(GatewayStream stream, Duration stallTimeout) {
		this.stream = stream;
		this.stallTimeout = stallTimeout;
	}

	/**
	 * Copy the whole stream to {@code out}, then close the stream.
	 * @param out the output, not closed
	 * @param listener told of each chunk
	 * @param scheduler runs the progress log and the stall check
	 * @return what was written
	 */
	Snapshot copyTo(OutputStream out, SnapshotProgressListener listener, ScheduledExecutorService scheduler) {
		ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(this::check, LOG_INTERVAL.toMillis(),
				LOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		try (GatewayStream stream = this.stream) {
			GatewayMessageStream<GatewayAnswers.SnapshotMessage> messages = GatewayJson.readMessages(stream.body(),
					GatewayAnswers.SnapshotMessage.class);
			while (messages.hasNextValue()) {
				write(messages.nextValue(), out, listener);
			}
		}
		catch (IOException ex) {
			throw readFailure(ex);
		}
		catch (GatewayJsonException ex) {
			throw GatewayErrors.fromUnreadableAnswer(ex, endpoint(), PATH);
		}
		finally {
			watch.cancel(false);
		}
		if (!this.checksum.matches()) {
			throw new EtcdException(
					"The snapshot from etcd at %s ended after %d bytes without the SHA-256 of its data: "
						.formatted(endpoint(), this.bytes) + "it is incomplete or corrupt",
					endpoint(), null);
		}
		logger.info("Saved a snapshot of %d bytes from etcd at %s".formatted(this.bytes, endpoint()));
		return new Snapshot(endpoint(), this.bytes);
	}

	private void write(GatewayAnswers.SnapshotMessage message, OutputStream out, SnapshotProgressListener listener) {
		if (message.error() != null) {
			String text = (message.error().message() != null) ? message.error().message() : "snapshot stream error";
			throw GatewayErrors.fromServerError(message.error().grpcCode(), text, endpoint(), PATH, RequestKind.READ,
					0);
		}
		if (message.result() == null || message.result().blob() == null) {
			return;
		}
		byte[] blob = message.result().blob();
		try {
			out.write(blob);
		}
		catch (IOException ex) {
			// the caller's output failed, not etcd
			throw new UncheckedIOException("Could not write the snapshot from etcd at " + endpoint()
					+ " to its output after " + this.bytes + " bytes: " + ex.getMessage(), ex);
		}
		this.checksum.update(blob);
		this.bytes += blob.length;
		this.lastChunkAt = System.nanoTime();
		listener.progress(this.bytes, message.result().remainingBytes());
	}

	/** Log the progress; close a stream that stalled. Runs on the scheduler. */
	private void check() {
		if (System.nanoTime() - this.lastChunkAt > this.stallTimeout.toNanos()) {
			this.stalled = true;
			this.stream.close();
			return;
		}
		logger.info("Saving a snapshot from etcd at %s: %d bytes so far".formatted(endpoint(), this.bytes));
	}

	private EtcdException readFailure(IOException failure) {
		if (this.stalled) {
			return new EtcdTimeoutException("etcd at %s sent no snapshot data for %d ms, after %d bytes"
				.formatted(endpoint(), this.stallTimeout.toMillis(), this.bytes), endpoint(), failure);
		}
		return GatewayErrors.fromIoFailure(failure, endpoint(), PATH, RequestKind.READ);
	}

	private String endpoint() {
		return this.stream.endpoint();
	}

}
