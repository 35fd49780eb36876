package dev.etcdspring.client.internal.transport;

import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdLearnerNotReadyException;
import dev.etcdspring.client.exception.EtcdMemberNotFoundException;
import dev.etcdspring.client.exception.EtcdPreconditionFailedException;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.client.exception.EtcdUnavailableException;

/**
 * The refusals of membership changes, and of learners, with what to do about each: etcd's
 * messages name the rule that was broken, not the way out.
 */
final class MembershipErrors {

	/**
	 * Why adding a member can answer "member not found": etcd derives a new member's id
	 * from its peer URLs and the current second, and refuses an id removed before.
	 */
	private static final String REMOVED_ID = "etcd derives a new member's id from its peer URLs and the current "
			+ "second, and these URLs belonged to a member removed within the same second: add it again in a second";

	private MembershipErrors() {
	}

	/**
	 * Translate a membership or learner error.
	 * @param error the classified error
	 * @param message what the caller gets without a hint
	 * @param code the gRPC code
	 * @param serverMessage etcd's message
	 * @param endpoint the member that answered
	 * @param path the request path
	 * @return the exception to throw
	 */
	static EtcdException translate(EtcdError error, String message, int code, String serverMessage, String endpoint,
			String path) {
		boolean add = path.endsWith("member/add");
		String hinted = message + "; " + ((add && error == EtcdError.MEMBER_NOT_FOUND) ? REMOVED_ID : hint(error));
		return switch (error) {
			case MEMBER_NOT_FOUND -> new EtcdMemberNotFoundException(hinted, code, serverMessage, endpoint);
			case LEARNER_NOT_READY -> new EtcdLearnerNotReadyException(hinted, code, serverMessage, endpoint);
			case MEMBER_EXISTS, PEER_URL_EXISTS, MEMBER_NOT_LEARNER, TOO_MANY_LEARNERS, NOT_ENOUGH_STARTED_MEMBERS ->
				new EtcdPreconditionFailedException(hinted, code, serverMessage, endpoint);
			// refused before anything changed: not an unknown outcome, for writes either
			case UNHEALTHY_CLUSTER, NOT_SUPPORTED_FOR_LEARNER ->
				new EtcdUnavailableException(hinted, code, serverMessage, endpoint);
			default -> new EtcdServerException(hinted, code, serverMessage, endpoint);
		};
	}

	private static String hint(EtcdError error) {
		return switch (error) {
			case MEMBER_NOT_FOUND ->
				"no member has this id (removed already?): cluster().members() lists the current ids";
			case MEMBER_EXISTS -> "a member with these peer URLs was added within the same second (etcd derives "
					+ "the id from the URLs and the time): find it in cluster().members()";
			case PEER_URL_EXISTS -> "another member has one of these peer URLs: give the new member its own, or "
					+ "remove the member that has them first";
			case MEMBER_BAD_URLS ->
				"each peer URL must have the form http://host:port or https://host:port, " + "without a path";
			case MEMBER_NOT_LEARNER ->
				"the member votes already (Member.learner() is false): only a learner is " + "promoted";
			case LEARNER_NOT_READY -> "start the learner's etcd and wait until it has caught up with the leader's "
					+ "log, then promote it again (EtcdLearnerNotReadyException: nothing changed, trying again "
					+ "is safe)";
			case TOO_MANY_LEARNERS ->
				"etcd allows one learner at a time: promote or remove the present learner " + "first";
			case NOT_ENOUGH_STARTED_MEMBERS -> "the change would leave too few started members for a quorum "
					+ "(etcd's --strict-reconfig-check): start the members that are down first";
			case UNHEALTHY_CLUSTER -> "etcd changes membership only while enough members have been connected "
					+ "for the last 5 seconds (--strict-reconfig-check): try again in a few seconds, or bring back "
					+ "the members that are down first; nothing was changed";
			case NOT_SUPPORTED_FOR_LEARNER -> "this endpoint is a learner, which serves only status and "
					+ "serializable reads: promote it, or leave it out of the client's endpoints; nothing was "
					+ "changed";
			default -> "see etcd's message";
		};
	}

}
