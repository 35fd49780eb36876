package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import static java.net.HttpURLConnection.HTTP_INTERNAL_ERROR;
import static java.net.HttpURLConnection.HTTP_MULT_CHOICE;
import static java.net.HttpURLConnection.HTTP_OK;

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
	 * Whether an HTTP status says that the request succeeded: the 2xx class.
	 * @param status the HTTP status
	 * @return whether it is a success
	 */
	static boolean isSuccess(int status) {
		return status >= HTTP_OK && status < HTTP_MULT_CHOICE;
	}

	/**
	 * Whether an HTTP status says that the server failed: the 5xx class. Anything else
	 * came from a member that is alive (a 4xx may be an authentication problem).
	 * @param status the HTTP status
	 * @return whether it is a server error
	 */
	static boolean isServerError(int status) {
		return status >= HTTP_INTERNAL_ERROR;
	}

	/**
	 * A complete answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Answer(int status, byte[] body) {

		boolean isSuccess() {
			return GatewayHttp.isSuccess(this.status);
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
