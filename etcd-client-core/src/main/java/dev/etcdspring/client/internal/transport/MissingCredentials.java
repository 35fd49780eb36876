package dev.etcdspring.client.internal.transport;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.etcdspring.client.exception.EtcdAuthenticationException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Explains what etcd answers a client that has no credentials when authentication is
 * enabled. etcd 3.4 serves status and member lists without a user, so such a client looks
 * healthy while every read, write and watch fails with a terse "user name is empty":
 * every such failure then says what to configure, and the client warns once (not once per
 * request, which would flood the log).
 */
final class MissingCredentials {

	// the transport's logger: this is about the client's requests
	private static final Log logger = LogFactory.getLog(GatewayTransport.class);

	private static final String WHAT_TO_SET = "set etcd.username and etcd.password "
			+ "(EtcdClientBuilder.credentials(...) without Spring Boot)";

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Explain {@code failure} if etcd refused it for lack of a user.
	 * @param failure what a request without credentials failed with
	 * @return the failure to throw: an explained copy, or {@code failure} itself
	 */
	EtcdException explain(EtcdException failure) {
		if (!(failure instanceof EtcdAuthenticationException refused) || !isMissingUser(refused.getError())) {
			return failure;
		}
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("etcd at " + refused.getEndpoint() + " requires authentication, but this client has no "
					+ "credentials: every request that etcd authenticates (reads, writes, watches) fails until you "
					+ WHAT_TO_SET + "; etcd answered '" + refused.getServerMessage() + "'");
		}
		EtcdAuthenticationException explained = new EtcdAuthenticationException(
				"etcd requires authentication, but this client has no credentials: " + WHAT_TO_SET + "; "
						+ refused.getMessage(),
				refused.getCode(), refused.getServerMessage(), refused.getEndpoint());
		explained.addSuppressed(refused);
		return explained;
	}

	/**
	 * Whether etcd's answer means that the request carried no user it knows: no token at
	 * all, or a token that etcd does not accept.
	 */
	private static boolean isMissingUser(EtcdError error) {
		return error == EtcdError.USER_NAME_EMPTY || error == EtcdError.INVALID_AUTH_TOKEN;
	}

}
