package dev.etcdspring.client.internal.transport;

import dev.etcdspring.client.auth.EtcdCredentials;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.internal.codec.GatewayAnswers.Authenticate;
import dev.etcdspring.client.internal.codec.GatewayRequest;
import dev.etcdspring.client.internal.codec.GatewayRequests;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The auth token of a client: obtained once with {@code POST /v3/auth/authenticate} (etcd
 * checks the password with bcrypt, slow on purpose, so never per request), shared by
 * every request and watch, and replaced once when etcd rejects it, however many requests
 * notice at the same time. Tokens are never logged.
 */
final class AuthTokens {

	private static final Log logger = LogFactory.getLog(AuthTokens.class);

	private final EtcdCredentials credentials;

	private final Authenticator authenticate;

	private volatile @Nullable String token;

	AuthTokens(EtcdCredentials credentials, Authenticator authenticate) {
		this.credentials = credentials;
		this.authenticate = authenticate;
	}

	/**
	 * Return the current token, authenticating first if there is none.
	 * @param deadline the end of the call that needs the token, in
	 * {@link System#nanoTime()}: authenticating is part of it
	 */
	String token(long deadline) {
		String current = this.token;
		return (current != null) ? current : refresh(null, deadline);
	}

	/**
	 * etcd rejected {@code rejected}: authenticate again, unless another thread already
	 * did (waiting for it takes at most that thread's request timeout).
	 * @param deadline the end of the call that needs the token
	 */
	synchronized String refresh(@Nullable String rejected, long deadline) {
		String current = this.token;
		if (current != null && !current.equals(rejected)) {
			return current;
		}
		logger.debug("Authenticating to etcd as user '" + this.credentials.username() + "'");
		Authenticate answer = this.authenticate.authenticate(
				GatewayRequests.authenticate(this.credentials.username(), this.credentials.password()), deadline);
		this.token = answer.token();
		return answer.token();
	}

	/**
	 * Forget the token, so that the next request authenticates (a watch stream found it
	 * rejected).
	 */
	synchronized void invalidate() {
		this.token = null;
	}

	/**
	 * Whether an error means the token (not the user's permissions) is the problem.
	 */
	static boolean isTokenProblem(EtcdError error) {
		return switch (error) {
			case INVALID_AUTH_TOKEN, AUTH_OLD_REVISION, USER_NAME_EMPTY -> true;
			default -> false;
		};
	}

	/** Sends an authenticate request. */
	@FunctionalInterface
	interface Authenticator {

		/**
		 * Authenticate.
		 * @param request the request, with the name and password
		 * @param deadline when the call that needs the token must end
		 * @return etcd's answer
		 */
		Authenticate authenticate(GatewayRequest request, long deadline);

	}

}
