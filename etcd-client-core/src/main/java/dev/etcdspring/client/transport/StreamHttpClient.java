package dev.etcdspring.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import dev.etcdspring.client.EtcdException;
import dev.etcdspring.client.transport.GatewayTransport.GatewayStream;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Watch streams and liveness probes, straight on the JDK's HttpClient. Streams cannot go
 * through {@link org.springframework.web.client.RestClient}: its read timeout bounds the
 * whole body, while a watch must bound only the wait for its answer to start; the JDK's
 * request timeout ends once the response headers arrive.
 */
final class StreamHttpClient implements AutoCloseable {

	private final HttpClient httpClient;

	private final Duration openTimeout;

	StreamHttpClient(List<String> endpoints, Duration connectTimeout, Duration openTimeout,
			@Nullable SSLContext sslContext) {
		this.openTimeout = openTimeout;
		// Plaintext HTTP/2 reaches etcd's gRPC server, not the gateway: HTTP/1.1 there.
		boolean allTls = endpoints.stream().allMatch((endpoint) -> endpoint.startsWith("https://"));
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(allTls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		this.httpClient = builder.build();
	}

	GatewayStream open(String endpoint, String path, byte[] body, @Nullable String token) {
		try {
			HttpResponse<InputStream> response = this.httpClient.send(
					request(endpoint, path, body, this.openTimeout, token), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() / 100 != 2) {
				try (InputStream in = response.body()) {
					throw GatewayErrors.fromAnswer(response.statusCode(), in.readAllBytes(), endpoint, path,
							RequestKind.READ, body.length);
				}
			}
			return new GatewayStream(endpoint, response.body());
		}
		catch (IOException ex) {
			throw GatewayErrors.fromIoFailure(ex, endpoint, path, RequestKind.READ);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EtcdException("Interrupted while opening a watch stream to " + endpoint, endpoint, ex);
		}
	}

	/**
	 * A paused member accepts connections but never answers, which only a probe like this
	 * detects. Any answer but 5xx (503: no leader) shows a live member; no token is sent,
	 * so that an auth problem is not mistaken for a dead member.
	 */
	boolean probe(String endpoint, Duration timeout) {
		try {
			HttpResponse<Void> response = this.httpClient.send(
					request(endpoint, "maintenance/status", "{}".getBytes(StandardCharsets.UTF_8), timeout, null),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() < 500;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static HttpRequest request(String endpoint, String path, byte[] body, Duration timeout,
			@Nullable String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + "/v3/" + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header(GatewayTransport.REQUIRE_LEADER_HEADER, "true");
		if (token != null) {
			builder.header(HttpHeaders.AUTHORIZATION, token);
		}
		return builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
	}

	@Override
	public void close() {
		// the JDK client can be closed only from Java 21 on; before, idle connections
		// time out
		if (this.httpClient instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing useful to do while closing
			}
		}
	}

}
