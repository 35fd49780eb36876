package dev.etcdspring.client.transport;

import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Speaks to etcd's gateway through Spring's {@link RestClient}, so that the application's
 * HTTP stack (its {@code ClientHttpRequestFactory}: JDK, Apache HttpClient 5, Jetty),
 * interceptors, customizers and {@code http.client.requests} observations apply. Bytes go
 * out and come in as they are, never through message converters.
 * <p>
 * Timeouts and TLS are those of the request factory; the client's {@code sslContext(...)}
 * does not apply. Watch streams stay open and silent for as long as nothing changes, so
 * give them a request factory without a read timeout (a member that goes silent is found
 * by the watch engine's probe instead), and unary calls one whose read timeout is the
 * request timeout. Spring Boot's auto-configuration does both when
 * {@code etcd.transport=rest-client}.
 * <p>
 * Over {@code http://} the factory must speak HTTP/1.1: etcd hands plaintext HTTP/2 to
 * its gRPC server, not to the JSON gateway.
 *
 * @since 0.1.0
 */
public final class RestClientTransport implements EtcdTransport {

	private final RestClient calls;

	private final RestClient streams;

	private RestClientTransport(RestClient calls, RestClient streams) {
		this.calls = calls;
		this.streams = streams;
	}

	/**
	 * Use one {@code RestClient} for calls and watch streams alike: its request factory
	 * must not time out reads of an idle stream.
	 * @param builder builds the client (it is not changed)
	 * @return the transport
	 */
	public static RestClientTransport of(RestClient.Builder builder) {
		Assert.notNull(builder, "RestClient.Builder must not be null");
		RestClient client = builder.clone().build();
		return new RestClientTransport(client, client);
	}

	/**
	 * Use one {@code RestClient} for calls and another, without a read timeout, for watch
	 * streams.
	 * @param calls builds the client of unary calls (it is not changed)
	 * @param streams builds the client of watch streams (it is not changed)
	 * @return the transport
	 */
	public static RestClientTransport of(RestClient.Builder calls, RestClient.Builder streams) {
		Assert.notNull(calls, "RestClient.Builder for calls must not be null");
		Assert.notNull(streams, "RestClient.Builder for streams must not be null");
		return new RestClientTransport(calls.clone().build(), streams.clone().build());
	}

	/**
	 * Return the client of unary calls.
	 * @return the client of calls
	 */
	public RestClient calls() {
		return this.calls;
	}

	/**
	 * Return the client of watch streams.
	 * @return the client of streams
	 */
	public RestClient streams() {
		return this.streams;
	}

	@Override
	public String toString() {
		return "rest-client";
	}

}
