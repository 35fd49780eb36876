package dev.etcdspring.client.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.internal.codec.KvRequests;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.test.HungEndpoint;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coalesced batch carries other callers' requests: the cancellation of the caller whose
 * thread sends it must not end it. Against a member that never answers, a cancelled call
 * ends at once, a shielded one only at its timeout.
 */
class ExchangeShieldTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(4);

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void cancellingShouldEndACallUnlessItIsShielded(boolean shielded) throws Exception {
		try (HungEndpoint hung = HungEndpoint.start(); GatewayTransport transport = transport(hung.endpoint())) {
			ExchangeCancellation cancellation = new ExchangeCancellation();
			long start = System.nanoTime();
			CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> {
				try {
					cancellation
						.run(() -> shielded ? ExchangeCancellation.shielded(() -> read(transport)) : read(transport));
				}
				catch (EtcdException ex) {
					// how it ends does not matter here: when does
				}
				return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			});
			awaitConnection(hung);
			cancellation.cancel();
			long millis = ended.get(30, TimeUnit.SECONDS);
			if (shielded) {
				assertThat(millis).as("a shielded call runs to its timeout").isGreaterThanOrEqualTo(3000);
			}
			else {
				assertThat(millis).as("a cancelled call ends at once").isLessThan(3000);
			}
		}
	}

	@Test
	void aShieldedCallShouldNotBeCancelledByItsThreadsCancellation() {
		ExchangeCancellation cancellation = new ExchangeCancellation();
		cancellation.cancel();
		cancellation.run(() -> ExchangeCancellation.shielded(() -> {
			assertThat(ExchangeCancellation.current()).isNull();
			assertThat(ExchangeCancellation.currentIsCancelled()).isFalse();
			return null;
		}));
	}

	private static Object read(GatewayTransport transport) {
		return transport.call("kv/range", KvRequests.range(RangeQuery.key("/shield")), Map.class, RequestKind.READ);
	}

	private static void awaitConnection(HungEndpoint hung) {
		await().atMost(Duration.ofSeconds(10)).until(() -> hung.connections() > 0);
	}

	private static GatewayTransport transport(String endpoint) {
		// the built-in client: cancelling closes its connection (RestClient's exchanges
		// end on interrupts instead)
		return new GatewayTransport(new GatewaySettings(List.of(endpoint), Duration.ofSeconds(1), TIMEOUT, null, null,
				ObservationRegistry.NOOP));
	}

}
