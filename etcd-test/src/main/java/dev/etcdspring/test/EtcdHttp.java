package dev.etcdspring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * Minimal probes against etcd's HTTP gateway, using only the JDK so that this module
 * needs no client library.
 */
final class EtcdHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	// One shared client for plain http keeps thread usage low.
	private static final HttpClient CLIENT = newClient(null);

	private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\"\\s*:\\s*\"(\\d+)\"");

	private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"(\\d+)\"");

	private EtcdHttp() {
	}

	/**
	 * Return a client for probes; for https, with the given context. HTTP/1.1 because
	 * etcd serves gRPC and the gateway on one port and an h2c upgrade attempt only adds a
	 * round trip.
	 */
	static HttpClient newClient(@Nullable SSLContext sslContext) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		return builder.build();
	}

	/**
	 * Whether {@code GET /health} answers {@code "health":"true"} within one second.
	 */
	static boolean isHealthy(String endpoint, @Nullable EtcdTls tls) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health")).timeout(TIMEOUT).GET().build();
		String body = send(request, tls);
		return body != null && body.replace(" ", "").contains("\"health\":\"true\"");
	}

	/**
	 * Ask one member for its maintenance status; {@code null} when it does not answer.
	 */
	static @Nullable Status status(String endpoint, @Nullable EtcdTls tls) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v3/maintenance/status"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		String body = send(request, tls);
		if (body == null) {
			return null;
		}
		Matcher memberId = MEMBER_ID.matcher(body);
		Matcher leader = LEADER.matcher(body);
		if (!memberId.find() || !leader.find()) {
			return null;
		}
		return new Status(memberId.group(1), leader.group(1));
	}

	/**
	 * Ask one member for the member list; the answer's JSON, or {@code null} when it does
	 * not answer.
	 */
	static @Nullable String memberList(String endpoint, @Nullable EtcdTls tls) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v3/cluster/member/list"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		return send(request, tls);
	}

	private static @Nullable String send(HttpRequest request, @Nullable EtcdTls tls) {
		HttpClient client = (tls != null) ? tls.probeClient() : CLIENT;
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			// Refused, timed out, reset or a failed handshake: all mean "not available
			// right now".
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Member id of the answering member and the leader it knows of, as etcd's decimal
	 * strings ({@code "0"} when it knows no leader).
	 */
	record Status(String memberId, String leader) {

		boolean isLeader() {
			return !"0".equals(this.leader) && this.memberId.equals(this.leader);
		}

	}

}
