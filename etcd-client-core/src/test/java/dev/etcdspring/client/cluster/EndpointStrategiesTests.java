package dev.etcdspring.client.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.transport.ReadBalancing;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.client.watch.WatchRequest;
import dev.etcdspring.test.EtcdCluster;
import dev.etcdspring.test.EtcdServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read balancing and member discovery on a real 3-member cluster. Which member served a
 * read is told by each member's own count of gRPC ranges in {@code /metrics}: the gateway
 * hands every {@code /v3/kv/range} to the member's gRPC server, and a follower counts a
 * linearizable range it serves too (its confirmation by the leader is raft traffic, not a
 * range).
 */
class EndpointStrategiesTests {

	private static final Pattern RANGES_SERVED = Pattern.compile(
			"^grpc_server_handled_total\\{grpc_code=\"OK\",grpc_method=\"Range\",[^}]*} (\\d+)$", Pattern.MULTILINE);

	private static final byte[] KEY = "/balancing/key".getBytes(StandardCharsets.UTF_8);

	private static final int READS = 300;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void roundRobinShouldSpreadSerializableReadsOverEveryMemberAndKeepOthersOnOne() {
		try (EtcdCluster cluster = EtcdCluster.start(3); EtcdClient client = roundRobin(cluster)) {
			client.kv().put(PutRequest.of(KEY, "v".getBytes(StandardCharsets.UTF_8)));
			Map<String, Long> before = rangesServed(cluster);
			for (int i = 0; i < READS; i++) {
				assertThat(client.kv().range(RangeQuery.key(KEY).serializable()).kvs()).hasSize(1);
			}
			Map<String, Long> spread = served(cluster, before);
			assertThat(spread.values()).as("ranges served per member: %s", spread)
				.allSatisfy((count) -> assertThat(count).isEqualTo(READS / 3));

			before = rangesServed(cluster);
			for (int i = 0; i < READS; i++) {
				assertThat(client.kv().range(RangeQuery.key(KEY)).kvs()).hasSize(1);
			}
			Map<String, Long> linearizable = served(cluster, before);
			assertThat(linearizable.values()).as("ranges served per member: %s", linearizable)
				.containsExactlyInAnyOrder((long) READS, 0L, 0L);
		}
	}

	@Test
	void stickyShouldSendSerializableReadsToOneMember() {
		try (EtcdCluster cluster = EtcdCluster.start(3);
				EtcdClient client = TestTransport.builder().endpoints(cluster.endpoints()).build()) {
			Map<String, Long> before = rangesServed(cluster);
			for (int i = 0; i < READS; i++) {
				client.kv().range(RangeQuery.key(KEY).serializable());
			}
			assertThat(served(cluster, before).values()).containsExactlyInAnyOrder((long) READS, 0L, 0L);
		}
	}

	@Test
	void roundRobinShouldSkipAStoppedMemberAndKeepReading() {
		try (EtcdCluster cluster = EtcdCluster.start(3); EtcdClient client = roundRobin(cluster)) {
			client.kv().put(PutRequest.of(KEY, "v".getBytes(StandardCharsets.UTF_8)));
			EtcdServer stopped = cluster.member(1);
			stopped.stop();
			List<EtcdServer> running = List.of(cluster.member(0), cluster.member(2));
			Map<String, Long> before = rangesServed(running);
			long started = System.nanoTime();
			for (int i = 0; i < READS; i++) {
				assertThat(client.kv().range(RangeQuery.key(KEY).serializable()).kvs()).hasSize(1);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			Map<String, Long> served = served(running, before);
			// each of the two running members took its share, and the stopped member's
			// turns: a refused connection costs a retry, not a failed read
			assertThat(served.values()).as("ranges served per running member: %s", served)
				.allSatisfy((count) -> assertThat(count).isGreaterThanOrEqualTo(READS / 3));
			assertThat(served.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(READS);
			assertThat(took).as("%d reads with a member down", READS).isLessThan(Duration.ofSeconds(20));
		}
	}

	@Test
	void discoveryShouldFindEveryMemberAndOutliveTheOneConfigured() throws InterruptedException {
		try (EtcdCluster cluster = EtcdCluster.start(3);
				EtcdClient client = TestTransport.builder()
					.endpoints(cluster.member(0).endpoint())
					.discoverMembers(Duration.ofMillis(200))
					.build()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(client.endpoints()).containsExactlyInAnyOrderElementsOf(cluster.endpoints()));
			BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
			try (Watch watch = client.watches().watch(WatchRequest.key(KEY), events::add)) {
				cluster.member(0).stop();
				// reads first: a write sent on a connection the stopped member had open
				// may have an unknown outcome, and is not retried
				assertThat(client.kv().range(RangeQuery.key(KEY)).kvs()).isEmpty();
				assertThat(client.kv().range(RangeQuery.key(KEY).serializable()).kvs()).isEmpty();
				client.kv().put(PutRequest.of(KEY, "after".getBytes(StandardCharsets.UTF_8)));
				assertThat(client.kv().range(RangeQuery.key(KEY)).kvs()).singleElement()
					.satisfies((kv) -> assertThat(kv.valueAsString()).isEqualTo("after"));
				WatchEvent event = events.poll(20, TimeUnit.SECONDS);
				assertThat(event).isNotNull();
				assertThat(event.kv().valueAsString()).isEqualTo("after");
			}
		}
	}

	private static EtcdClient roundRobin(EtcdCluster cluster) {
		return TestTransport.builder().endpoints(cluster.endpoints()).readBalancing(ReadBalancing.ROUND_ROBIN).build();
	}

	private Map<String, Long> served(EtcdCluster cluster, Map<String, Long> before) {
		return served(cluster.members(), before);
	}

	private Map<String, Long> served(List<EtcdServer> members, Map<String, Long> before) {
		Map<String, Long> after = rangesServed(members);
		Map<String, Long> served = new LinkedHashMap<>();
		after.forEach((endpoint, count) -> served.put(endpoint, count - before.get(endpoint)));
		return served;
	}

	private Map<String, Long> rangesServed(EtcdCluster cluster) {
		return rangesServed(cluster.members());
	}

	private Map<String, Long> rangesServed(List<EtcdServer> members) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (EtcdServer member : members) {
			counts.put(member.endpoint(), rangesServed(member.endpoint()));
		}
		return counts;
	}

	private long rangesServed(String endpoint) {
		try {
			HttpResponse<String> metrics = this.http.send(
					HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher matcher = RANGES_SERVED.matcher(metrics.body());
			assertThat(matcher.find()).as("a count of ranges served in %s/metrics", endpoint).isTrue();
			return Long.parseLong(matcher.group(1));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + endpoint + "/metrics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
