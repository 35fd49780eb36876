package dev.etcdspring.client.maintenance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.LogCapture;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServer;
import dev.etcdspring.test.EtcdServerExtension;
import dev.etcdspring.test.EtcdctlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Snapshots saved through the client, checked and restored with etcdctl.
 */
class SnapshotTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	@Test
	void snapshotShouldPassEtcdctlStatusAndRestoreIntoAServingMember(@TempDir Path dir) throws IOException {
		EtcdTemplate template = new EtcdTemplate(client);
		template.put("/snapshot/greeting", "hello");
		// several chunks of 32 KiB
		template.put("/snapshot/big", "y".repeat(200_000));
		Path file = dir.resolve("etcd.snapshot");
		List<Long> progress = new ArrayList<>();
		Snapshot snapshot;
		try (OutputStream out = Files.newOutputStream(file)) {
			snapshot = client.maintenance().snapshot(out, (bytesSoFar, remaining) -> progress.add(bytesSoFar));
		}
		assertThat(snapshot.endpoint()).isEqualTo(etcd.endpoint());
		assertThat(snapshot.size()).isEqualTo(Files.size(file)).isGreaterThan(200_000);
		assertThat(progress).hasSizeGreaterThan(5).isSorted().last().isEqualTo(snapshot.size());

		EtcdctlResult status = etcd.etcdctl("snapshot", "status", file.toString(), "-w", "json");
		assertThat(status.isSuccess()).as(status.stderr()).isTrue();
		assertThat(status.stdout()).contains("\"totalKey\":");

		Path restored = dir.resolve("restored");
		EtcdctlResult restore = etcd.etcdctl("snapshot", "restore", file.toString(), "--data-dir", restored.toString());
		assertThat(restore.isSuccess()).as(restore.stderr()).isTrue();
		try (EtcdServer fromSnapshot = EtcdServer.builder().dataDir(restored).start()) {
			EtcdctlResult get = fromSnapshot.etcdctl("get", "/snapshot/greeting", "--print-value-only");
			assertThat(get.stdout()).isEqualTo("hello\n");
		}
	}

	@Test
	void snapshotShouldLogWhenDone() {
		try (LogCapture log = LogCapture.start("dev.etcdspring.client.internal.maintenance", Level.INFO)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			Snapshot snapshot = client.maintenance().snapshot(out);
			assertThat(out.size()).isEqualTo(snapshot.size());
			assertThat(log.events("dev.etcdspring",
					"Saved a snapshot of " + snapshot.size() + " bytes from etcd at " + etcd.endpoint()))
				.hasSize(1);
		}
	}

	@Test
	void snapshotFromAMemberThatStallsShouldTimeOut() {
		try (EtcdServer server = EtcdServer.start();
				EtcdClient stalling = TestTransport.builder()
					.endpoints(server.endpoint())
					.requestTimeout(Duration.ofSeconds(1))
					.build()) {
			EtcdTemplate template = new EtcdTemplate(stalling);
			// far more than the socket buffers hold once the member stops sending
			for (int i = 0; i < 20; i++) {
				template.put("/stall/" + i, "s".repeat(1_000_000));
			}
			AtomicBoolean paused = new AtomicBoolean();
			try {
				assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(
						() -> stalling.maintenance().snapshot(OutputStream.nullOutputStream(), (bytes, left) -> {
							if (paused.compareAndSet(false, true)) {
								server.pause();
							}
						}))
					.withMessageContaining("sent no snapshot data for 1000 ms");
			}
			finally {
				server.resume();
			}
		}
	}

	@Test
	void snapshotShouldReportAFailingOutputAsSuch() {
		OutputStream broken = new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				throw new IOException("disk full");
			}

		};
		assertThatExceptionOfType(java.io.UncheckedIOException.class)
			.isThrownBy(() -> client.maintenance().snapshot(broken))
			.withMessageContaining("to its output")
			.withMessageContaining("disk full");
	}

}
