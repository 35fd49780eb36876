package dev.etcdspring.client.internal.codec;

import java.util.List;

import dev.etcdspring.client.watch.WatchRequest;

/**
 * The JSON of the requests besides the key-value API's: watch creates, leases, cluster
 * membership and authentication. Unlike {@link KvRequests}, these write their defaults
 * too ({@code "prev_kv":false}): they send the fields Jackson wrote for them before they
 * had a writer (the watch create byte for byte, in its order), which is what every etcd
 * version we test has accepted.
 *
 * @since 0.1.0
 */
public final class GatewayRequests {

	/** A request without fields ({@code maintenance/status}, member list, lease list). */
	public static final GatewayRequest EMPTY = (json) -> {
	};

	private GatewayRequests() {
	}

	/**
	 * A create request of a watch stream, one line of its body.
	 * @param request the watch
	 * @param watchId the id that the stream's answers carry for this watch
	 * @param fromRevision the revision to resume from, 0 for "from now"
	 * @return the request
	 */
	public static GatewayRequest watchCreate(WatchRequest request, long watchId, long fromRevision) {
		return (json) -> {
			json.beginObject("create_request");
			json.field("key", request.getKey());
			byte[] rangeEnd = request.getRangeEnd();
			if (rangeEnd != null) {
				json.field("range_end", rangeEnd);
			}
			json.field("start_revision", fromRevision);
			json.field("prev_kv", request.isPrevKv());
			if (request.isNoPut() || request.isNoDelete()) {
				json.beginArray("filters");
				if (request.isNoPut()) {
					json.value("NOPUT");
				}
				if (request.isNoDelete()) {
					json.value("NODELETE");
				}
				json.endArray();
			}
			// written only when on: with both off, a create is what it always was
			if (request.isProgressNotify()) {
				json.field("progress_notify", true);
			}
			if (request.isFragment()) {
				json.field("fragment", true);
			}
			json.field("watch_id", watchId);
			json.endObject();
		};
	}

	/**
	 * A lease grant, for {@code lease/grant}.
	 * @param ttlSeconds the time to live asked for
	 * @return the request
	 */
	public static GatewayRequest leaseGrant(long ttlSeconds) {
		return (json) -> json.field("TTL", ttlSeconds);
	}

	/**
	 * A request about one lease: {@code lease/revoke}, {@code lease/keepalive}.
	 * @param leaseId the lease
	 * @return the request
	 */
	public static GatewayRequest lease(long leaseId) {
		return (json) -> json.field("ID", leaseId);
	}

	/**
	 * A lease's time to live, for {@code lease/timetolive}.
	 * @param leaseId the lease
	 * @param withKeys whether to list the attached keys
	 * @return the request
	 */
	public static GatewayRequest leaseTimeToLive(long leaseId, boolean withKeys) {
		return (json) -> json.field("ID", leaseId).field("keys", withKeys);
	}

	/**
	 * An authenticate request, for {@code auth/authenticate}.
	 * @param name the user name
	 * @param password the password
	 * @return the request
	 */
	public static GatewayRequest authenticate(String name, String password) {
		return (json) -> json.field("name", name).field("password", password);
	}

	/**
	 * An alarm request, for {@code maintenance/alarm}.
	 * @param action {@code GET} to list the alarms, {@code DEACTIVATE} to disarm one
	 * @param memberId the member whose alarm to disarm, 0 to list
	 * @param type the alarm type to disarm, {@code NONE} to list
	 * @return the request
	 */
	public static GatewayRequest alarm(String action, long memberId, String type) {
		// member ids are uint64: as a string, which the gateway reads in full
		return (json) -> json.field("action", action)
			.field("memberID", Long.toUnsignedString(memberId))
			.field("alarm", type);
	}

	/**
	 * A hash of the key-value store up to a revision, for {@code maintenance/hashkv}.
	 * @param revision the revision, 0 for the latest
	 * @return the request
	 */
	public static GatewayRequest hashKv(long revision) {
		return (json) -> json.field("revision", revision);
	}

	/**
	 * A leader transfer, for {@code maintenance/transfer-leadership}.
	 * @param targetId the member to lead
	 * @return the request
	 */
	public static GatewayRequest moveLeader(long targetId) {
		return (json) -> json.field("targetID", Long.toUnsignedString(targetId));
	}

	/**
	 * A new member, for {@code cluster/member/add}.
	 * @param peerUrls its peer URLs
	 * @param learner whether it joins as a learner
	 * @return the request
	 */
	public static GatewayRequest memberAdd(List<String> peerUrls, boolean learner) {
		return (json) -> {
			peerUrls(json, peerUrls);
			json.field("isLearner", learner);
		};
	}

	/**
	 * A request about one member: {@code cluster/member/remove},
	 * {@code cluster/member/promote}.
	 * @param memberId the member's id, an unsigned 64-bit number
	 * @return the request
	 */
	public static GatewayRequest member(long memberId) {
		return (json) -> memberId(json, memberId);
	}

	/**
	 * New peer URLs of a member, for {@code cluster/member/update}.
	 * @param memberId the member's id, an unsigned 64-bit number
	 * @param peerUrls its new peer URLs
	 * @return the request
	 */
	public static GatewayRequest memberUpdate(long memberId, List<String> peerUrls) {
		return (json) -> {
			memberId(json, memberId);
			peerUrls(json, peerUrls);
		};
	}

	/**
	 * A member id is a uint64: written unsigned, and as a string, as the gateway writes
	 * it (a JSON number above 2^53 loses digits in many readers, and a negative one is
	 * refused).
	 */
	private static void memberId(GatewayJsonWriter json, long memberId) {
		json.field("ID", Long.toUnsignedString(memberId));
	}

	private static void peerUrls(GatewayJsonWriter json, List<String> peerUrls) {
		json.beginArray("peerURLs");
		peerUrls.forEach(json::value);
		json.endArray();
	}

}
