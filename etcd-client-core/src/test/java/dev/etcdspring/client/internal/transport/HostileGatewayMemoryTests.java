package dev.etcdspring.client.internal.transport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.etcdspring.client.internal.transport.HostileGatewayTests.IN_TIME;
import static dev.etcdspring.client.internal.transport.HostileGatewayTests.REQUEST_TIMEOUT;
import static dev.etcdspring.client.internal.transport.HostileGatewayTests.base64;
import static dev.etcdspring.client.internal.transport.HostileGatewayTests.get;
import static dev.etcdspring.client.internal.transport.HostileGatewayTests.head;
import static dev.etcdspring.client.internal.transport.HostileGatewayTests.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The memory bounds of the HTTP client, in a heap where buffering what a member sends
 * without limit fails: the build runs this class alone, in a JVM of its own with
 * {@code -Xmx256m} (see this module's pom); anywhere else it is skipped.
 * <p>
 * What is measured, for the call alone (after a warm-up, as the first calls in a JVM load
 * classes): the bytes that the calling thread allocated (HotSpot's per-thread allocation
 * counter: garbage included, so an upper bound of what the call can have added to the
 * heap, as the client reads on the caller's thread), and the used heap after a full GC
 * before and after (what the call left behind). The peak of the used heap, sampled every
 * millisecond, is printed, not asserted: it also counts the fake gateway's garbage and
 * whatever the JVM does meanwhile.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileGatewayMemoryTests {

	private static final long MB = 1024 * 1024;

	/** A limit below the heap growth asserted, so that reaching it stays below that. */
	private static final long SMALL_LIMIT = 4 * MB;

	private static final long MAX_GROWTH = 32 * MB;

	private FakeGateway gateway;

	@BeforeAll
	static void boundedHeapOnly() throws Exception {
		assumeThat(Runtime.getRuntime().maxMemory()).as("run by the bounded-heap execution, with -Xmx256m")
			.isLessThanOrEqualTo(256 * MB);
		// the first calls in a JVM load classes and bootstrap lambdas and string
		// concatenation (tens of MB, once): not what is measured here
		try (FakeGateway warmUp = FakeGateway.start((connection) -> {
			FakeGateway.Request request;
			while ((request = connection.readRequest()) != null) {
				connection.write(FakeGateway.echo(request));
			}
		}); GatewayTransport transport = transport(List.of(warmUp.endpoint()), REQUEST_TIMEOUT, null, 10)) {
			for (int i = 0; i < 3; i++) {
				catchThrowable(() -> get(transport, "/warm-up"));
			}
		}
	}

	@AfterEach
	void closeGateway() {
		if (this.gateway != null) {
			this.gateway.close();
			assertThat(this.gateway.failures()).isEmpty();
		}
	}

	@Test
	void contentLengthOfTwoGigabytesShouldFailAtOnceWithTheDefaultLimit() throws Exception {
		// the default limit: the announced size alone is refused
		startGateway(head("200 OK", "Content-Length: 2147483000") + "x", null);
		try (GatewayTransport transport = transport(List.of(this.gateway.endpoint()), REQUEST_TIMEOUT, null)) {
			Measurement measured = measure(() -> get(transport, "/huge"));
			assertThat(measured.failure()).isInstanceOf(EtcdAnswerTooLargeException.class)
				.hasMessageContaining("announced 2147483000 bytes")
				.hasMessageContaining("its limit is 67108864 bytes (64 MiB)")
				.hasMessageContaining("etcd.max-answer-size");
			measured.assertBounded("2 GB Content-Length");
			assertNextCallSucceedsOnANewConnection(transport);
		}
	}

	@Test
	void endlessChunkedBodyShouldFailAtTheLimit() throws Exception {
		byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes();
		startGateway(head("200 OK", "Transfer-Encoding: chunked"), chunk);
		try (GatewayTransport transport = transport(List.of(this.gateway.endpoint()), REQUEST_TIMEOUT, null,
				SMALL_LIMIT)) {
			Measurement measured = measure(() -> get(transport, "/endless"));
			assertThat(measured.failure()).isInstanceOf(EtcdAnswerTooLargeException.class)
				.hasMessageContaining("sent more than 4194304 bytes")
				.hasMessageContaining("its limit is 4194304 bytes (4 MiB)")
				.hasMessageContaining("etcd.max-answer-size");
			measured.assertBounded("endless chunked body");
			assertNextCallSucceedsOnANewConnection(transport);
		}
	}

	@Test
	void endlessBodyUntilCloseShouldFailAtTheLimit() throws Exception {
		byte[] block = "a".repeat(0x10000).getBytes();
		startGateway(head("200 OK", "Connection: close"), block);
		try (GatewayTransport transport = transport(List.of(this.gateway.endpoint()), REQUEST_TIMEOUT, null,
				SMALL_LIMIT)) {
			Measurement measured = measure(() -> get(transport, "/endless"));
			assertThat(measured.failure()).isInstanceOf(EtcdAnswerTooLargeException.class)
				.hasMessageContaining("sent more than 4194304 bytes")
				.hasMessageContaining("etcd.max-answer-size");
			measured.assertBounded("endless body until close");
			assertNextCallSucceedsOnANewConnection(transport);
		}
	}

	@Test
	void endlessChunkedBodyShouldFitInTheHeapWithTheDefaultLimit() throws Exception {
		// by design the client holds up to the limit: 64 MiB, in arrays that double as
		// bytes arrive; what is asserted is that this fits, and ends, in 256 MB
		byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes();
		startGateway(head("200 OK", "Transfer-Encoding: chunked"), chunk);
		try (GatewayTransport transport = transport(List.of(this.gateway.endpoint()), REQUEST_TIMEOUT, null)) {
			Measurement measured = measure(() -> get(transport, "/endless"));
			assertThat(measured.failure()).isInstanceOf(EtcdAnswerTooLargeException.class)
				.hasMessageContaining("sent more than 67108864 bytes");
			measured.print("endless chunked body, default limit");
			assertThat(measured.elapsed()).isLessThan(IN_TIME);
			// 64 MiB, and the arrays of 32, 16, ... MiB it grew through
			assertThat(measured.allocated()).isLessThan(3 * GatewaySettings.DEFAULT_MAX_ANSWER_BYTES);
			assertThat(measured.retained()).isLessThan(MAX_GROWTH);
			assertNextCallSucceedsOnANewConnection(transport);
		}
	}

	/**
	 * Start a fake gateway whose first connection answers with {@code head}, then writes
	 * {@code endless} until the client goes away (or, without it, waits for that); later
	 * connections echo each request.
	 */
	private void startGateway(String head, byte[] endless) throws Exception {
		this.gateway = FakeGateway.start((connection) -> {
			FakeGateway.Request request;
			while ((request = connection.readRequest()) != null) {
				if (connection.index() > 1) {
					connection.write(FakeGateway.echo(request));
					continue;
				}
				connection.write(head);
				if (endless == null) {
					connection.awaitClose();
					return;
				}
				while (true) {
					connection.write(endless);
				}
			}
		});
	}

	private void assertNextCallSucceedsOnANewConnection(GatewayTransport transport) {
		assertThat(get(transport, "/next")).containsEntry("echo", base64("/next"));
		assertThat(this.gateway.connections()).isEqualTo(2);
	}

	private static Measurement measure(Runnable call) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long threadId = Thread.currentThread().getId();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong(before);
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				LockSupport.parkNanos(1_000_000); // a sampling interval, not a wait for
													// anything
			}
		}, "heap-sampler");
		sampler.start();
		long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
		long start = System.nanoTime();
		Throwable failure = catchThrowable(call::run);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
		sampling.set(false);
		try {
			sampler.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		System.gc();
		long after = memory.getHeapMemoryUsage().getUsed();
		return new Measurement(failure, elapsed, allocated, after - before, peak.get() - before);
	}

	/**
	 * What one call cost.
	 *
	 * @param failure what the call threw
	 * @param elapsed how long it took
	 * @param allocated the bytes the calling thread allocated during the call
	 * @param retained the growth of the used heap after a full GC
	 * @param sampledPeak the highest used heap sampled during the call, above the start
	 */
	record Measurement(Throwable failure, Duration elapsed, long allocated, long retained, long sampledPeak) {

		void assertBounded(String what) {
			print(what);
			assertThat(this.elapsed).as("time").isLessThan(IN_TIME);
			assertThat(this.allocated).as("bytes allocated by the call").isLessThan(MAX_GROWTH);
			assertThat(this.retained).as("heap retained after the call").isLessThan(MAX_GROWTH);
		}

		void print(String what) {
			System.out.printf(
					"MEASURED %s: failed after %d ms with %s; allocated %.1f MB, retained %.1f MB, "
							+ "sampled heap peak +%.1f MB%n",
					what, this.elapsed.toMillis(), this.failure.getClass().getSimpleName(),
					this.allocated / (double) MB, this.retained / (double) MB, this.sampledPeak / (double) MB);
		}

	}

}
