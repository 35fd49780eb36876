package dev.etcdspring.client.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.TestTransport;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The client over https against an etcd that requires client certificates, made by
 * etcd-test.
 */
class TlsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single().withClientCertificates();

	private final String key = "/tls-" + UUID.randomUUID();

	@Test
	void clientWithCertificateShouldPutGetAndWatch() {
		try (EtcdClient client = TestTransport.builder(etcd.tls().sslContext()).endpoints(etcd.endpoints()).build()) {
			EtcdTemplate template = new EtcdTemplate(client);
			List<WatchEvent> events = new CopyOnWriteArrayList<>();
			long start = template.put(this.key, "0");
			try (Watch watch = template.watch(this.key).fromRevision(start + 1).subscribe(events::add)) {
				template.put(this.key, "1");
				await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
			}
			assertThat(events.get(0).kv().valueAsString()).isEqualTo("1");
			assertThat(template.get(this.key)).contains("1");
			assertThat(etcd.etcdctl("get", this.key, "--print-value-only").stdout()).isEqualTo("1\n");
		}
	}

	@Test
	void clientWithoutCertificateShouldBeRefusedWithTheEndpointNamed() {
		try (EtcdClient client = TestTransport.builder(etcd.tls().sslContextWithoutClientCertificate())
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(5))
			.build()) {
			// TLS 1.3: etcd rejects the missing certificate after the client may consider
			// the handshake done, so the client sees either a failed handshake or the
			// connection break on its request
			long start = System.nanoTime();
			EtcdConnectionException failure = catchThrowableOfType(EtcdConnectionException.class,
					() -> new EtcdTemplate(client).get(this.key));
			assertThat(failure).hasMessageContaining("etcd at " + etcd.endpoint())
				.hasRootCauseInstanceOf(IOException.class);
			assertThat(failure.getEndpoint()).isEqualTo(etcd.endpoint());
			// refused at once, not after waiting for an answer
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

}
