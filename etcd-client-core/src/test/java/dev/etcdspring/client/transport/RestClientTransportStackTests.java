package dev.etcdspring.client.transport;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RestClient transport on the HTTP stacks Spring Boot picks most: watch streams are
 * replaced (a watch added, one closed) and the client closed, which must never wait for a
 * stream that never ends to be read to its end, as the stacks' own {@code close()} would.
 */
class RestClientTransportStackTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "apache" })
	@Timeout(60)
	void watchStreamsShouldBeReplacedAndClosedWithoutWaitingForTheirEnd(String stack) {
		String root = "/stack-" + UUID.randomUUID() + "/";
		long start = System.nanoTime();
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoint())
			.transport(RestClientTransport.of(RestClient.builder().requestFactory(factory(stack).get())))
			.build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<String> seen = new CopyOnWriteArrayList<>();
			try (Watch first = template.watch(root + "a").subscribe((event) -> seen.add(text(event)))) {
				template.put(root + "a", "1");
				await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("a=1"));
				// a second watch: a new stream carries both, the old one is closed
				try (Watch second = template.watch(root + "b").subscribe((event) -> seen.add(text(event)))) {
					template.put(root + "b", "2");
					template.put(root + "a", "3");
					await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("b=2") && seen.contains("a=3"));
				}
				template.put(root + "a", "4");
				await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("a=4"));
			}
			// each watch delivers in order; two watches need not interleave in order
			assertThat(seen).filteredOn((change) -> change.startsWith("a=")).containsExactly("a=1", "a=3", "a=4");
			assertThat(seen).filteredOn((change) -> change.startsWith("b=")).containsExactly("b=2");
		}
		// closing streams that never end must not have waited for their end
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	private static Supplier<ClientHttpRequestFactory> factory(String stack) {
		return switch (stack) {
			case "jdk" -> () -> new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
			case "apache" -> HttpComponentsClientHttpRequestFactory::new;
			default -> throw new IllegalArgumentException(stack);
		};
	}

	private static String text(WatchEvent event) {
		String key = event.kv().keyAsString();
		return key.substring(key.lastIndexOf('/') + 1) + "=" + event.kv().valueAsString();
	}

}
