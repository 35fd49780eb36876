package dev.etcdspring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * What a user's HTTP client observes, independent of the probes under test.
 */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Http() {
	}

	static String health(String endpoint) throws IOException, InterruptedException {
		return health(CLIENT, endpoint, Duration.ofSeconds(1));
	}

	/**
	 * Ask for {@code /health} over https with a client of its own, which keeps no
	 * connection that an earlier handshake left open.
	 */
	static String health(String endpoint, SSLContext sslContext) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(sslContext)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return health(client, endpoint, Duration.ofSeconds(5));
	}

	private static String health(HttpClient client, String endpoint, Duration timeout)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health")).timeout(timeout).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
