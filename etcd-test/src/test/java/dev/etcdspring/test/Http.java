package dev.etcdspring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a user's HTTP client observes, independent of the probes under test.
 */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Http() {
	}

	static String health(String endpoint) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
