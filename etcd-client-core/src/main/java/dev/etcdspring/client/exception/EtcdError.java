package dev.etcdspring.client.exception;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The kind of an error that etcd answered, told from its gRPC status code and its
 * message. Switch on {@link EtcdServerException#getError()} rather than on the text of
 * {@link EtcdServerException#getServerMessage()}: {@link #classify(int, String)} is the
 * one place where etcd's messages are recognised.
 * <p>
 * etcd's own message names the error (they are the same from etcd 3.4 on, in its
 * {@code rpctypes} package); the gRPC code names the family of a message that is not
 * known here ({@link #UNAUTHENTICATED}, {@link #UNAVAILABLE}, {@link #DEADLINE_EXCEEDED},
 * {@link #FAILED_PRECONDITION}), and anything else is {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum EtcdError {

	/**
	 * The revision asked for has been compacted away; thrown as
	 * {@link EtcdCompactedException}.
	 */
	COMPACTED(GrpcCode.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"),

	/**
	 * The request is larger than etcd's {@code --max-request-bytes}, or than the gRPC
	 * message limit of the gateway; thrown as {@link EtcdRequestTooLargeException}.
	 */
	REQUEST_TOO_LARGE(GrpcCode.INVALID_ARGUMENT, "etcdserver: request is too large"),

	/** A transaction has more operations than etcd's {@code --max-txn-ops}. */
	TOO_MANY_TXN_OPS(GrpcCode.INVALID_ARGUMENT, "etcdserver: too many operations in txn request"),

	/**
	 * The lease expired or was revoked; thrown as {@link EtcdLeaseNotFoundException}.
	 */
	LEASE_NOT_FOUND(GrpcCode.NOT_FOUND, "etcdserver: requested lease not found"),

	/**
	 * The user's roles do not allow the request; thrown as
	 * {@link EtcdPermissionDeniedException}.
	 */
	PERMISSION_DENIED(GrpcCode.PERMISSION_DENIED, "etcdserver: permission denied"),

	/**
	 * The request carried no user although etcd has authentication enabled: the client
	 * has no credentials. Thrown as {@link EtcdAuthenticationException}.
	 */
	USER_NAME_EMPTY(GrpcCode.INVALID_ARGUMENT, "etcdserver: user name is empty"),

	/**
	 * etcd does not know the request's token (any more): it expired, or the member
	 * restarted. Thrown as {@link EtcdAuthenticationException}.
	 */
	INVALID_AUTH_TOKEN(GrpcCode.UNAUTHENTICATED, "etcdserver: invalid auth token"),

	/**
	 * The token was issued before a change of users, roles or permissions. etcd answers
	 * it with {@code InvalidArgument}, so it is thrown as a plain
	 * {@link EtcdServerException}.
	 */
	AUTH_OLD_REVISION(GrpcCode.INVALID_ARGUMENT, "etcdserver: revision of auth store is old"),

	/**
	 * Wrong user name or password; thrown as {@link EtcdAuthenticationException}.
	 */
	AUTHENTICATION_FAILED(GrpcCode.INVALID_ARGUMENT, "etcdserver: authentication failed, invalid user ID or password"),

	/**
	 * The client has credentials, but etcd has authentication disabled; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	AUTH_NOT_ENABLED(GrpcCode.FAILED_PRECONDITION, "etcdserver: authentication is not enabled"),

	/**
	 * The user named in an administration request does not exist; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	USER_NOT_FOUND(GrpcCode.FAILED_PRECONDITION, "etcdserver: user name not found"),

	/**
	 * A user of that name exists already; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	USER_ALREADY_EXISTS(GrpcCode.FAILED_PRECONDITION, "etcdserver: user name already exists"),

	/**
	 * The role named in an administration request does not exist; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	ROLE_NOT_FOUND(GrpcCode.FAILED_PRECONDITION, "etcdserver: role name not found"),

	/**
	 * A role of that name exists already; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	ROLE_ALREADY_EXISTS(GrpcCode.FAILED_PRECONDITION, "etcdserver: role name already exists"),

	/**
	 * The role to revoke from a user is not granted to it; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	ROLE_NOT_GRANTED(GrpcCode.FAILED_PRECONDITION, "etcdserver: role is not granted to the user"),

	/**
	 * The role has no permission on exactly the keys to revoke; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	PERMISSION_NOT_GRANTED(GrpcCode.FAILED_PRECONDITION, "etcdserver: permission is not granted to the role"),

	/**
	 * Authentication cannot be enabled without a user {@code root}; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	ROOT_USER_NOT_FOUND(GrpcCode.FAILED_PRECONDITION, "etcdserver: root user does not exist"),

	/**
	 * Authentication cannot be enabled while the user {@code root} lacks the role
	 * {@code root}; thrown as {@link EtcdPreconditionFailedException}.
	 */
	ROOT_ROLE_NOT_GRANTED(GrpcCode.FAILED_PRECONDITION, "etcdserver: root user does not have root role"),

	/**
	 * While authentication is enabled, etcd refuses to delete the user {@code root} or
	 * the role {@code root}, or to revoke the one from the other. etcd answers it with
	 * {@code InvalidArgument}, so it is thrown as a plain {@link EtcdServerException}.
	 */
	INVALID_AUTH_MANAGEMENT(GrpcCode.INVALID_ARGUMENT, "etcdserver: invalid auth management"),

	/**
	 * Another refusal of who the client is; thrown as
	 * {@link EtcdAuthenticationException}.
	 */
	UNAUTHENTICATED(GrpcCode.UNAUTHENTICATED, null),

	/**
	 * The member has no leader, so it refused the request before handling it; thrown as
	 * {@link EtcdUnavailableException}, for writes too.
	 */
	NO_LEADER(GrpcCode.UNAVAILABLE, "etcdserver: no leader"),

	/**
	 * The leader changed while etcd handled the request: a write may still be applied.
	 */
	LEADER_CHANGED(GrpcCode.UNAVAILABLE, "etcdserver: leader changed"),

	/**
	 * The request timed out inside etcd (also when etcd adds a likely cause to the
	 * message): a write may still be applied.
	 */
	REQUEST_TIMED_OUT(GrpcCode.UNAVAILABLE, "etcdserver: request timed out"),

	/**
	 * The member cannot serve the request now, for another reason: a write may still be
	 * applied.
	 */
	UNAVAILABLE(GrpcCode.UNAVAILABLE, null),

	/**
	 * The request's deadline passed inside the gateway or etcd: a write may still be
	 * applied.
	 */
	DEADLINE_EXCEEDED(GrpcCode.DEADLINE_EXCEEDED, null),

	/**
	 * No member has the id that a membership change named; thrown as
	 * {@link EtcdMemberNotFoundException}.
	 */
	MEMBER_NOT_FOUND(GrpcCode.NOT_FOUND, "etcdserver: member not found"),

	/**
	 * A member with the same id exists: etcd answers this to a second add of the same
	 * peer URLs within a second (it derives the id from them and the time). Thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	MEMBER_EXISTS(GrpcCode.FAILED_PRECONDITION, "etcdserver: member ID already exist"),

	/**
	 * Another member has one of the peer URLs; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	PEER_URL_EXISTS(GrpcCode.FAILED_PRECONDITION, "etcdserver: Peer URLs already exists"),

	/**
	 * etcd could not parse the peer URLs of a new member (the client checks them first,
	 * so this is rare).
	 */
	MEMBER_BAD_URLS(GrpcCode.INVALID_ARGUMENT, "etcdserver: given member URLs are invalid"),

	/**
	 * The member to promote is a voting member already; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	MEMBER_NOT_LEARNER(GrpcCode.FAILED_PRECONDITION, "etcdserver: can only promote a learner member"),

	/**
	 * The learner to promote has not caught up with the leader yet; thrown as
	 * {@link EtcdLearnerNotReadyException}: try again later.
	 */
	LEARNER_NOT_READY(GrpcCode.FAILED_PRECONDITION,
			"etcdserver: can only promote a learner member which is in sync with leader"),

	/**
	 * The cluster has as many learners as etcd allows (one); thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	TOO_MANY_LEARNERS(GrpcCode.FAILED_PRECONDITION, "etcdserver: too many learner members in cluster"),

	/**
	 * The change would leave too few started members for a quorum (etcd's
	 * {@code --strict-reconfig-check}); thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	NOT_ENOUGH_STARTED_MEMBERS(GrpcCode.FAILED_PRECONDITION,
			"etcdserver: re-configuration failed due to not enough started members"),

	/**
	 * etcd's {@code --strict-reconfig-check} refused a membership change because too few
	 * members have been connected for the last 5 seconds (also right after the cluster
	 * started); refused before anything changed, so thrown as
	 * {@link EtcdUnavailableException}, for writes too: try again a little later.
	 */
	UNHEALTHY_CLUSTER(GrpcCode.UNAVAILABLE, "etcdserver: unhealthy cluster"),

	/**
	 * The member asked is a learner, which serves only status and serializable reads;
	 * refused before anything changed, so thrown as {@link EtcdUnavailableException}, for
	 * writes too.
	 */
	NOT_SUPPORTED_FOR_LEARNER(GrpcCode.UNAVAILABLE, "etcdserver: rpc not supported for learner"),

	/**
	 * etcd refused the request in its current state, for another reason; thrown as
	 * {@link EtcdPreconditionFailedException}.
	 */
	FAILED_PRECONDITION(GrpcCode.FAILED_PRECONDITION, null),

	/** An error not known here: read its message. */
	UNKNOWN(GrpcCode.NONE, null);

	/**
	 * The code to classify a message with when etcd gave none, as for the reason it
	 * cancelled a watch.
	 */
	public static final int NO_CODE = GrpcCode.NONE;

	/** A rule's code when the code does not matter: neither a gRPC code nor NO_CODE. */
	private static final int ANY_CODE = Integer.MIN_VALUE;

	/**
	 * How etcd's answers are recognised, the first rule that matches wins. Fragments of
	 * etcd's messages, not whole ones: the gateway and watch cancel reasons wrap them,
	 * and etcd adds causes to some. The order is the one the client has always tested in,
	 * so that each of etcd's answers keeps the exception it is thrown as.
	 */
	// @formatter:off
	private static final List<Rule> RULES = List.of(
			new Rule(COMPACTED, ANY_CODE, "compacted"),
			new Rule(REQUEST_TOO_LARGE, ANY_CODE, "request is too large"),
			// gRPC's own limit, on the gateway's connection to etcd
			new Rule(REQUEST_TOO_LARGE, GrpcCode.RESOURCE_EXHAUSTED, "larger than max"),
			new Rule(TOO_MANY_TXN_OPS, ANY_CODE, "too many operations in txn"),
			new Rule(LEASE_NOT_FOUND, ANY_CODE, "lease not found"),
			new Rule(PERMISSION_DENIED, GrpcCode.PERMISSION_DENIED, null),
			new Rule(PERMISSION_DENIED, ANY_CODE, "permission denied"),
			new Rule(USER_NAME_EMPTY, ANY_CODE, "user name is empty"),
			new Rule(INVALID_AUTH_TOKEN, ANY_CODE, "invalid auth token"),
			new Rule(AUTH_OLD_REVISION, ANY_CODE, "auth store is old"),
			new Rule(AUTHENTICATION_FAILED, ANY_CODE, "authentication failed"),
			new Rule(AUTH_NOT_ENABLED, ANY_CODE, "authentication is not enabled"),
			new Rule(USER_NOT_FOUND, ANY_CODE, "user name not found"),
			new Rule(USER_ALREADY_EXISTS, ANY_CODE, "user name already exists"),
			new Rule(ROLE_NOT_FOUND, ANY_CODE, "role name not found"),
			new Rule(ROLE_ALREADY_EXISTS, ANY_CODE, "role name already exists"),
			new Rule(ROLE_NOT_GRANTED, ANY_CODE, "role is not granted"),
			new Rule(PERMISSION_NOT_GRANTED, ANY_CODE, "permission is not granted"),
			new Rule(ROOT_USER_NOT_FOUND, ANY_CODE, "root user does not exist"),
			new Rule(ROOT_ROLE_NOT_GRANTED, ANY_CODE, "root user does not have root role"),
			new Rule(INVALID_AUTH_MANAGEMENT, ANY_CODE, "invalid auth management"),
			new Rule(UNAUTHENTICATED, GrpcCode.UNAUTHENTICATED, null),
			new Rule(UNAUTHENTICATED, ANY_CODE, "auth token"),
			new Rule(NO_LEADER, ANY_CODE, "no leader"),
			new Rule(LEADER_CHANGED, ANY_CODE, "leader changed"),
			new Rule(REQUEST_TIMED_OUT, ANY_CODE, "request timed out"),
			// membership: the learner's "in sync" before the shorter message it extends
			new Rule(MEMBER_NOT_FOUND, ANY_CODE, "member not found"),
			new Rule(MEMBER_EXISTS, ANY_CODE, "member id already exist"),
			new Rule(PEER_URL_EXISTS, ANY_CODE, "peer urls already exist"),
			new Rule(MEMBER_BAD_URLS, ANY_CODE, "member urls are invalid"),
			new Rule(LEARNER_NOT_READY, ANY_CODE, "learner member which is in sync"),
			new Rule(MEMBER_NOT_LEARNER, ANY_CODE, "can only promote a learner"),
			new Rule(TOO_MANY_LEARNERS, ANY_CODE, "too many learner members"),
			new Rule(NOT_ENOUGH_STARTED_MEMBERS, ANY_CODE, "not enough started members"),
			new Rule(UNHEALTHY_CLUSTER, ANY_CODE, "unhealthy cluster"),
			new Rule(NOT_SUPPORTED_FOR_LEARNER, ANY_CODE, "not supported for learner"),
			new Rule(UNAVAILABLE, GrpcCode.UNAVAILABLE, null),
			new Rule(DEADLINE_EXCEEDED, GrpcCode.DEADLINE_EXCEEDED, null),
			new Rule(FAILED_PRECONDITION, GrpcCode.FAILED_PRECONDITION, null));
	// @formatter:on

	private final int code;

	private final @Nullable String serverMessage;

	EtcdError(int code, @Nullable String serverMessage) {
		this.code = code;
		this.serverMessage = serverMessage;
	}

	/**
	 * Return the gRPC status code etcd answers this error with, or {@link #NO_CODE} for
	 * {@link #UNKNOWN}.
	 * @return the code
	 */
	public int getCode() {
		return this.code;
	}

	/**
	 * Return etcd's message for this error, or {@code null} for a kind that stands for
	 * several messages ({@link #UNAUTHENTICATED}, {@link #UNAVAILABLE},
	 * {@link #DEADLINE_EXCEEDED}, {@link #FAILED_PRECONDITION}, {@link #UNKNOWN}).
	 * @return etcd's message or {@code null}
	 */
	public @Nullable String getServerMessage() {
		return this.serverMessage;
	}

	/**
	 * Tell which error etcd answered. The message decides when it is one of etcd's
	 * (ignoring case, and wherever it stands in the text); otherwise the code does.
	 * @param code the gRPC status code, or {@link #NO_CODE}
	 * @param message etcd's message, if any
	 * @return the kind of error, {@link #UNKNOWN} if neither tells
	 */
	public static EtcdError classify(int code, @Nullable String message) {
		String text = (message != null) ? message.toLowerCase(Locale.ROOT) : "";
		for (Rule rule : RULES) {
			if (rule.matches(code, text)) {
				return rule.error();
			}
		}
		return UNKNOWN;
	}

	/**
	 * One way to recognise {@code error}: by a code, a fragment of the message, or both.
	 */
	private record Rule(EtcdError error, int code, @Nullable String fragment) {

		boolean matches(int answeredCode, String lowerCaseText) {
			return (this.code == ANY_CODE || this.code == answeredCode)
					&& (this.fragment == null || lowerCaseText.contains(this.fragment));
		}

	}

	/**
	 * The gRPC status codes that etcd answers with (grpc/codes).
	 */
	private static final class GrpcCode {

		static final int NONE = -1;

		static final int INVALID_ARGUMENT = 3;

		static final int DEADLINE_EXCEEDED = 4;

		static final int NOT_FOUND = 5;

		static final int PERMISSION_DENIED = 7;

		static final int RESOURCE_EXHAUSTED = 8;

		static final int FAILED_PRECONDITION = 9;

		static final int OUT_OF_RANGE = 11;

		static final int UNAVAILABLE = 14;

		static final int UNAUTHENTICATED = 16;

	}

}
