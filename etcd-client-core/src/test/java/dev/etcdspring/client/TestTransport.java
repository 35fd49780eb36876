package dev.etcdspring.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import dev.etcdspring.client.transport.EtcdTransport;
import dev.etcdspring.client.transport.RestClientTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The transport the tests' clients use, so that the real-etcd suite runs on each:
 * {@code -Detcd.test.transport=built-in} (the default) or {@code rest-client} (Spring's
 * {@code RestClient} on the JDK's HttpClient). The build runs the suite once per
 * transport (see this module's pom).
 */
public final class TestTransport {

	private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-jdk-http");
		thread.setDaemon(true);
		return thread;
	});

	/** The system property that names the transport. */
	public static final String PROPERTY = "etcd.test.transport";

	private TestTransport() {
	}

	/**
	 * Return a client builder with the selected transport.
	 * @return the builder
	 */
	public static EtcdClientBuilder builder() {
		return builder(null);
	}

	/**
	 * Return a client builder with the selected transport, for {@code https} endpoints.
	 * @param sslContext the TLS settings, or {@code null} for the JDK's
	 * @return the builder
	 */
	public static EtcdClientBuilder builder(@Nullable SSLContext sslContext) {
		EtcdClientBuilder builder = EtcdClient.builder().transport(selected(sslContext));
		return (sslContext != null) ? builder.sslContext(sslContext) : builder;
	}

	/**
	 * Return whether the tests run on the built-in transport.
	 * @return whether the built-in transport is selected
	 */
	public static boolean isBuiltIn() {
		return name().equals("built-in");
	}

	private static EtcdTransport selected(@Nullable SSLContext sslContext) {
		return switch (name()) {
			case "built-in" -> EtcdTransport.builtIn();
			case "rest-client" -> restClient(sslContext);
			default -> throw new IllegalArgumentException(
					"Unknown " + PROPERTY + " '" + name() + "': use built-in or rest-client");
		};
	}

	private static String name() {
		return System.getProperty(PROPERTY, "built-in");
	}

	private static EtcdTransport restClient(@Nullable SSLContext sslContext) {
		// HTTP/1.1: etcd hands plaintext HTTP/2 to its gRPC server, not to the gateway
		// an executor of its own: without one, Spring's JDK request factory starts a new
		// thread for every request body
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(EXECUTOR)
			.connectTimeout(Duration.ofSeconds(2));
		if (sslContext != null) {
			http.sslContext(sslContext);
		}
		return RestClientTransport
			.of(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http.build())));
	}

}
