package dev.etcdspring.client.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;

import dev.etcdspring.client.exception.EtcdAnswerTooLargeException;
import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdCompactedException;
import dev.etcdspring.client.exception.EtcdConnectionException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLeaseNotFoundException;
import dev.etcdspring.client.exception.EtcdOutcomeUnknownException;
import dev.etcdspring.client.exception.EtcdPermissionDeniedException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdRequestTooLargeException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.exception.EtcdTimeoutException;
import dev.etcdspring.client.exception.EtcdUnavailableException;
import dev.etcdspring.client.internal.codec.GatewayError;
import dev.etcdspring.client.internal.codec.GatewayJson;
import dev.etcdspring.client.internal.codec.GatewayJsonException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where failures become {@link EtcdException}s: error answers of the
 * gateway, I/O failures of the HTTP client, and unreadable answers. Nothing from the HTTP
 * client or Jackson escapes past it.
 *
 * @since 0.1.0
 */
public final class GatewayErrors {

	/**
	 * How much of an answer that is not etcd's JSON (a proxy's error page, say) goes into
	 * the message: enough to tell what answered, not a whole page.
	 */
	private static final int MAX_TEXT_BYTES = 200;

	private static final long MIB = 1 << 20;

	/**
	 * etcd's default {@code --max-txn-ops}, named in the hint when a transaction has more
	 * (the same value as {@code Txn.DEFAULT_MAX_OPS}: the transport does not know the
	 * key-value API).
	 */
	private static final int ETCD_DEFAULT_MAX_TXN_OPS = 128;

	private GatewayErrors() {
	}

	/**
	 * Translate an error answer of the gateway.
	 * @param status the HTTP status
	 * @param body the answer's body
	 * @param endpoint the member that answered
	 * @param path the request path, for the message
	 * @param kind the kind of request, to tell unknown write outcomes apart
	 * @param requestBytes the size of the request body
	 * @return the exception to throw
	 */
	public static EtcdException fromAnswer(int status, byte[] body, String endpoint, String path, RequestKind kind,
			long requestBytes) {
		GatewayError error = GatewayJson.readError(body);
		if (error == null) {
			String text = new String(body, 0, Math.min(body.length, MAX_TEXT_BYTES), StandardCharsets.UTF_8).strip();
			return new EtcdServerException("etcd at %s answered %s with HTTP %d%s".formatted(endpoint, path, status,
					text.isEmpty() ? "" : ": " + text), EtcdError.NO_CODE, text, endpoint);
		}
		return fromServerError(error.code(), error.text(), endpoint, path, kind, requestBytes);
	}

	/**
	 * Translate an error that etcd reported, by gRPC code and message.
	 * @param code the gRPC status code
	 * @param serverMessage etcd's message
	 * @param endpoint the member that answered
	 * @param path the request path, for the message
	 * @param kind the kind of request
	 * @param requestBytes the size of the request body
	 * @return the exception to throw
	 */
	public static EtcdException fromServerError(int code, String serverMessage, String endpoint, String path,
			RequestKind kind, long requestBytes) {
		String message = "etcd at %s refused %s: %s (code %d)".formatted(endpoint, path, serverMessage, code);
		EtcdError error = EtcdError.classify(code, serverMessage);
		return switch (error) {
			case COMPACTED -> new EtcdCompactedException(message, code, serverMessage, -1, endpoint);
			case REQUEST_TOO_LARGE -> new EtcdRequestTooLargeException(
					("etcd at %s refused %s as too large: its JSON body is %d bytes, "
							+ "about %d once etcd decodes the base64 keys and values, and etcd's limit is its "
							+ "--max-request-bytes setting, %d bytes by default (%s)")
						.formatted(endpoint, path, requestBytes, decodedBytes(requestBytes),
								EtcdRequestTooLargeException.DEFAULT_SERVER_LIMIT, serverMessage),
					code, serverMessage, requestBytes, endpoint);
			case TOO_MANY_TXN_OPS -> new EtcdServerException(message + "; etcd allows at most its --max-txn-ops "
					+ "setting per transaction, " + ETCD_DEFAULT_MAX_TXN_OPS + " operations by default", code,
					serverMessage, endpoint);
			case LEASE_NOT_FOUND -> new EtcdLeaseNotFoundException(message, code, serverMessage, endpoint);
			case PERMISSION_DENIED -> new EtcdPermissionDeniedException(message, code, serverMessage, endpoint);
			// an old auth revision is a token issued before a change of users or roles:
			// log in again, as for an expired one
			case USER_NAME_EMPTY, INVALID_AUTH_TOKEN, AUTH_OLD_REVISION, AUTHENTICATION_FAILED, UNAUTHENTICATED ->
				new EtcdAuthenticationException(message, code, serverMessage, endpoint);
			// answered before the request is handled (hasleader header)
			case NO_LEADER -> new EtcdUnavailableException(message, code, serverMessage, endpoint);
			// a timeout or leader change inside etcd may still commit the write later
			case LEADER_CHANGED, REQUEST_TIMED_OUT, UNAVAILABLE,
					DEADLINE_EXCEEDED ->
				(kind == RequestKind.WRITE)
						? new EtcdOutcomeUnknownException(message + "; the write may or may not have been applied",
								endpoint, null)
						: new EtcdUnavailableException(message, code, serverMessage, endpoint);
			case AUTH_NOT_ENABLED, FAILED_PRECONDITION, USER_NOT_FOUND, USER_ALREADY_EXISTS, ROLE_NOT_FOUND,
					ROLE_ALREADY_EXISTS, ROLE_NOT_GRANTED, PERMISSION_NOT_GRANTED, ROOT_USER_NOT_FOUND,
					ROOT_ROLE_NOT_GRANTED ->
				new EtcdPreconditionFailedException(message, code, serverMessage, endpoint);
			case INVALID_AUTH_MANAGEMENT -> new EtcdServerException(message, code, serverMessage, endpoint);
			case MEMBER_NOT_FOUND, MEMBER_EXISTS, PEER_URL_EXISTS, MEMBER_BAD_URLS, MEMBER_NOT_LEARNER,
					LEARNER_NOT_READY, TOO_MANY_LEARNERS, NOT_ENOUGH_STARTED_MEMBERS, UNHEALTHY_CLUSTER,
					NOT_SUPPORTED_FOR_LEARNER ->
				MembershipErrors.translate(error, message, code, serverMessage, endpoint, path);
			case UNKNOWN -> new EtcdServerException(message, code, serverMessage, endpoint);
		};
	}

	/**
	 * Translate a failure to exchange a request with a member.
	 * @param failure the I/O failure (or what wraps it)
	 * @param endpoint the member
	 * @param path the request path
	 * @param kind the kind of request: a write that may have been sent has an unknown
	 * outcome
	 * @return the exception to throw
	 */
	public static EtcdException fromIoFailure(Throwable failure, String endpoint, String path, RequestKind kind) {
		AnswerTooLargeException tooLarge = cause(failure, AnswerTooLargeException.class);
		if (tooLarge != null) {
			return answerTooLarge(tooLarge, endpoint, path, kind);
		}
		String reason = describe(failure);
		if (causedBy(failure, RequestNotSentException.class, ConnectException.class, NoRouteToHostException.class,
				UnknownHostException.class, UnresolvedAddressException.class)) {
			return new EtcdConnectionException(
					"Cannot connect to etcd at %s for %s: %s".formatted(endpoint, path, reason), endpoint, failure);
		}
		if (kind == RequestKind.WRITE) {
			return new EtcdOutcomeUnknownException(
					"No answer from etcd at %s for %s (%s); the write may or may not have been applied"
						.formatted(endpoint, path, reason),
					endpoint, failure);
		}
		if (causedBy(failure, InterruptedIOException.class)) {
			return new EtcdTimeoutException("etcd at %s did not answer %s in time".formatted(endpoint, path), endpoint,
					failure);
		}
		String hint = (endpoint.startsWith("http://") && reason.contains(HttpConnection.NO_ANSWER))
				? " (a member that serves only https closes plain http connections this way: check the scheme)" : "";
		return new EtcdConnectionException(
				"Connection to etcd at %s failed during %s: %s%s".formatted(endpoint, path, reason, hint), endpoint,
				failure);
	}

	/**
	 * Translate an answer that could not be read as the expected JSON.
	 * @param failure the codec's failure
	 * @param endpoint the member
	 * @param path the request path
	 * @return the exception to throw
	 */
	public static EtcdException fromUnreadableAnswer(GatewayJsonException failure, String endpoint, String path) {
		return new EtcdException(
				"Unreadable answer from etcd at %s for %s: %s".formatted(endpoint, path, failure.getOriginalMessage()),
				endpoint, failure);
	}

	/**
	 * Translate a watch revision that etcd sent in fragments and that, put back together,
	 * is larger than the client accepts: the same error as for one message that large.
	 * @param limit the client's limit in bytes
	 * @param endpoint the member that sent it
	 * @return the exception to throw
	 */
	public static EtcdAnswerTooLargeException watchMessageTooLarge(long limit, String endpoint) {
		return answerTooLarge(new AnswerTooLargeException(limit, -1, true), endpoint, "watch", RequestKind.READ);
	}

	private static EtcdAnswerTooLargeException answerTooLarge(AnswerTooLargeException failure, String endpoint,
			String path, RequestKind kind) {
		long limit = failure.limit();
		String size = (failure.announced() >= 0) ? "announced " + failure.announced() + " bytes"
				: "sent more than " + limit + " bytes";
		String what = failure.watchMessage() ? "a watch message" : "an answer to " + path;
		String outcome = (kind == RequestKind.WRITE) ? "; the write may or may not have been applied" : "";
		String mebibytes = (limit % MIB == 0) ? " (" + (limit / MIB) + " MiB)" : "";
		return new EtcdAnswerTooLargeException(("etcd at %s %s for %s, more than the client accepts: its limit is %d "
				+ "bytes%s, set with etcd.max-answer-size (EtcdClientBuilder.maxAnswerBytes). Ask for less "
				+ "(a limit, a narrower range, keys only) or raise the limit%s")
			.formatted(endpoint, size, what, limit, mebibytes, outcome), limit, endpoint, failure);
	}

	/**
	 * The size of a request once etcd decoded its keys and values: base64 writes three
	 * bytes as four characters, and they are most of a large request.
	 */
	private static long decodedBytes(long jsonBytes) {
		return jsonBytes * 3 / 4;
	}

	private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		return null;
	}

	@SafeVarargs
	private static boolean causedBy(Throwable failure, Class<? extends Throwable>... types) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(current)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The first I/O exception in the chain says best what happened; wrappers say less.
	 */
	private static String describe(Throwable failure) {
		Throwable cause = failure;
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if ((current instanceof IOException && !(current instanceof RequestNotSentException))
					|| current instanceof UnresolvedAddressException) {
				cause = current;
				break;
			}
		}
		String message = cause.getMessage();
		String name = cause.getClass().getSimpleName();
		return (message == null || message.isBlank()) ? name : name + ": " + message;
	}

}
