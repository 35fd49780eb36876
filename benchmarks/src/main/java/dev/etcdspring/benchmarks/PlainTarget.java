package dev.etcdspring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * The floor for a JSON-gateway client: a JDK {@code HttpClient} (HTTP/1.1, blocking
 * {@code send}) posting precomputed JSON bodies, checking the status and, for CAS, the
 * {@code succeeded} flag. No JSON mapping, no retries, no error translation.
 */
final class PlainTarget extends Target {

	static final String HAS_LEADER_HEADER = "Grpc-Metadata-hasleader";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] SUCCEEDED = "\"succeeded\":true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] KVS = "\"kvs\"".getBytes(StandardCharsets.US_ASCII);

	private static final String EVENT_KEY = "\"kv\":{\"key\":\"";

	private final HttpClient http;

	private final String endpoint;

	private final URI range;

	private final URI put;

	private final URI txn;

	private final String[] linearizableGets;

	private final String[] serializableGets;

	private final String[] puts;

	private final String[] swapsToB;

	private final String[] swapsToA;

	private final String[] watchedPuts;

	PlainTarget(String endpoint, int workers) {
		super("plain", 'p', workers);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		this.endpoint = endpoint;
		this.range = URI.create(endpoint + Scenario.GET_LINEARIZABLE.path());
		this.put = URI.create(endpoint + Scenario.PUT.path());
		this.txn = URI.create(endpoint + Scenario.CAS.path());
		this.linearizableGets = new String[workers];
		this.serializableGets = new String[workers];
		this.puts = new String[workers];
		this.swapsToB = new String[workers];
		this.swapsToA = new String[workers];
		this.watchedPuts = new String[workers];
		for (int worker = 0; worker < workers; worker++) {
			this.linearizableGets[worker] = TestData.rangeJson(getKey(worker), false);
			this.serializableGets[worker] = TestData.rangeJson(getKey(worker), true);
			this.puts[worker] = TestData.putJson(putKey(worker), TestData.VALUE_A);
			this.swapsToB[worker] = TestData.casJson(casKey(worker), TestData.VALUE_A, TestData.VALUE_B);
			this.swapsToA[worker] = TestData.casJson(casKey(worker), TestData.VALUE_B, TestData.VALUE_A);
			this.watchedPuts[worker] = TestData.putJson(watchKey(worker), TestData.VALUE_A);
		}
	}

	@Override
	void get(int worker, boolean serializable) throws Exception {
		byte[] answer = post(this.range, serializable ? this.serializableGets[worker] : this.linearizableGets[worker]);
		if (indexOf(answer, KVS) < 0) {
			throw new IllegalStateException("missing key");
		}
	}

	@Override
	void put(int worker) throws Exception {
		post(this.put, this.puts[worker]);
	}

	@Override
	void compareAndSwap(int worker) throws Exception {
		String body = (expected(worker) == TestData.VALUE_A) ? this.swapsToB[worker] : this.swapsToA[worker];
		swapped(worker, indexOf(post(this.txn, body), SUCCEEDED) >= 0);
	}

	@Override
	void putWatched(int worker) throws Exception {
		post(this.put, this.watchedPuts[worker]);
	}

	@Override
	AutoCloseable watch(String prefix, Consumer<byte[]> arrived) throws Exception {
		HttpRequest request = request(URI.create(this.endpoint + Scenario.WATCH.path()),
				TestData.watchJson(prefix.getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofDays(1))
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			response.body().close();
			throw new IllegalStateException("watch answered " + response.statusCode());
		}
		InputStream body = response.body();
		Thread reader = new Thread(() -> readEvents(body, arrived), "plain-watch-reader");
		reader.setDaemon(true);
		reader.start();
		return () -> {
			body.close();
			reader.interrupt();
		};
	}

	/**
	 * Find each event's key in the newline-separated answers without a JSON parser.
	 */
	private static void readEvents(InputStream body, Consumer<byte[]> arrived) {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				for (int at = line.indexOf(EVENT_KEY); at >= 0; at = line.indexOf(EVENT_KEY, at + 1)) {
					int start = at + EVENT_KEY.length();
					arrived.accept(Base64.getDecoder().decode(line.substring(start, line.indexOf('"', start))));
				}
			}
		}
		catch (IOException ex) {
			// closed by the benchmark
		}
	}

	@Override
	void putKey(byte[] key) throws Exception {
		post(this.put, TestData.putJson(key, TestData.VALUE_A));
	}

	@Override
	void putBatch(List<byte[]> keys) throws Exception {
		StringBuilder body = new StringBuilder("{\"success\":[");
		for (int i = 0; i < keys.size(); i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"request_put\":")
				.append(TestData.putJson(keys.get(i), TestData.VALUE_A))
				.append('}');
		}
		if (indexOf(post(this.txn, body.append("]}").toString()), SUCCEEDED) < 0) {
			throw new IllegalStateException("unconditional transaction did not succeed");
		}
	}

	private byte[] post(URI uri, String body) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.http.send(request(uri, body).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + ": "
					+ new String(response.body(), StandardCharsets.UTF_8));
		}
		return response.body();
	}

	private static HttpRequest.Builder request(URI uri, String body) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header(HAS_LEADER_HEADER, "true")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Override
	public void close() {
		// the JDK client has no close() before Java 21; idle connections time out
	}

}
