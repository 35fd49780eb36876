package dev.etcdspring.client.internal.transport;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.transport.RestClientTransport;
import dev.etcdspring.test.EtcdServerExtension;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code RestClient} transport's own HTTP behaviour against a real etcd, on the JDK's
 * HttpClient whatever transport the suite runs on.
 */
class RestClientGatewayHttpTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void closingALiveWatchStreamShouldEndItWithoutReadingItToTheEnd() throws Exception {
		// a watch stream never ends by itself: a close that drains it would hang
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		EtcdTransport rest = RestClientTransport
			.of(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http)));
		GatewaySettings settings = new GatewaySettings(List.of(etcd.endpoint()), Duration.ofSeconds(1),
				Duration.ofSeconds(5), null, null, ObservationRegistry.NOOP, GatewaySettings.DEFAULT_MAX_ANSWER_BYTES,
				rest);
		try (GatewayTransport transport = new GatewayTransport(settings)) {
			GatewayTransport.GatewayStream stream = transport.openStream("watch",
					"{\"create_request\":{\"key\":\"L2s=\"}}".getBytes(StandardCharsets.US_ASCII));
			InputStream body = stream.body();
			byte[] buffer = new byte[4096];
			int n = body.read(buffer);
			assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).contains("\"created\":true");
			long start = System.nanoTime();
			stream.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

}
