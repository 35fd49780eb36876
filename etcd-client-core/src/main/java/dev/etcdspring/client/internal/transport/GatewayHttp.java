package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The seam between etcd's gateway protocol ({@link GatewayTransport}: paths, JSON,
 * failover, errors) and HTTP: post bytes, open a stream, drop idle connections. The
 * built-in {@link GatewayHttpClient} and {@link RestClientGatewayHttp} implement it.
 * <p>
 * Failures are {@link IOException}s, with {@link RequestNotSentException} when the
 * request surely never reached the member (so that even a write may be sent again).
 */
interface GatewayHttp extends AutoCloseable {

	/**
	 * Post {@code body} to {@code /v3/path} and read the whole answer.
	 * @param endpoint the member
	 * @param path the path under {@code /v3/}
	 * @param body the JSON body
	 * @param token the auth token, or {@code null}
	 * @param timeout the time for the whole exchange
	 * @return the answer
	 * @throws IOException when the exchange failed
	 */
	Answer post(String endpoint, String path, byte[] body, @Nullable String token, Duration timeout) throws IOException;

	/**
	 * Post {@code body} and return the answer's body as it arrives: a watch stream.
	 * @param endpoint the member
	 * @param path the path under {@code /v3/}
	 * @param body the JSON body
	 * @param token the auth token, or {@code null}
	 * @param openTimeout the time for the answer to start
	 * @return the answer; its body ends the exchange when closed
	 * @throws IOException when the stream cannot be opened
	 */
	StreamAnswer openStream(String endpoint, String path, byte[] body, @Nullable String token, Duration openTimeout)
			throws IOException;

	/**
	 * Close every idle connection to {@code endpoint}, after a failure there.
	 * @param endpoint the member
	 */
	void closeIdleConnections(String endpoint);

	@Override
	void close();

	/**
	 * A complete answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Answer(int status, byte[] body) {

		boolean isSuccess() {
			return this.status / 100 == 2;
		}

	}

	/**
	 * The start of a streamed answer.
	 *
	 * @param status the HTTP status
	 * @param error the start of the body of an error answer, else empty
	 * @param body the body of a successful answer, as it arrives; else {@code null}
	 */
	record StreamAnswer(int status, byte[] error, @Nullable InputStream body) {

	}

}
