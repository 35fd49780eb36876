package dev.etcdspring.client.internal.codec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.maintenance.Alarm;
import org.jspecify.annotations.Nullable;

/**
 * The answers of rare calls (leases, member lists, authentication), which Jackson maps
 * reflectively: unlike the answers of every get, put and watch event, they are not worth
 * a hand-written reader. The clients turn them into the public model.
 *
 * @since 0.1.0
 */
public final class GatewayAnswers {

	private GatewayAnswers() {
	}

	/**
	 * The answer to a lease grant.
	 *
	 * @param id the lease id
	 * @param ttl the granted time to live, in seconds
	 * @param error etcd's refusal, if any
	 */
	public record LeaseGrant(@JsonProperty("ID") long id, @JsonProperty("TTL") long ttl,
			@JsonProperty("error") @Nullable String error) {
	}

	/**
	 * The answer to a lease's time-to-live question.
	 *
	 * @param ttl the remaining seconds, negative for a lease that does not exist
	 * @param grantedTtl the seconds it was granted with
	 * @param keys the attached keys, when asked for
	 */
	public record LeaseTimeToLive(@JsonProperty("TTL") long ttl, @JsonProperty("grantedTTL") long grantedTtl,
			@JsonProperty("keys") @Nullable List<byte[]> keys) {
	}

	/**
	 * The answer to a lease renewal.
	 *
	 * @param result the renewal; without a TTL for a lease that does not exist
	 */
	public record LeaseKeepAlive(@JsonProperty("result") @Nullable LeaseKeepAliveResult result) {
	}

	/**
	 * A lease renewal.
	 *
	 * @param ttl the new time to live, in seconds
	 */
	public record LeaseKeepAliveResult(@JsonProperty("TTL") long ttl) {
	}

	/**
	 * The answer to a lease list.
	 *
	 * @param leases the leases; absent when there are none
	 */
	public record LeaseList(@JsonProperty("leases") @Nullable List<LeaseId> leases) {
	}

	/**
	 * One lease of a lease list.
	 *
	 * @param id the lease id
	 */
	public record LeaseId(@JsonProperty("ID") long id) {
	}

	/**
	 * The answer to a member list, and to removing, updating or promoting a member.
	 *
	 * @param members the members, read by {@link ClusterReaders}
	 */
	public record MemberList(@JsonProperty("members") @Nullable List<Member> members) {
	}

	/**
	 * The answer to adding a member.
	 *
	 * @param member the new member
	 * @param members every member, the new one included
	 */
	public record MemberAdd(@JsonProperty("member") @Nullable Member member,
			@JsonProperty("members") @Nullable List<Member> members) {
	}

	/**
	 * The answer to an authenticate request.
	 *
	 * @param token the auth token, sent with every request until etcd rejects it
	 */
	public record Authenticate(@JsonProperty("token") String token) {
	}

	/**
	 * The answer to an alarm request: the alarms raised (list) or disarmed.
	 *
	 * @param alarms the alarms, read by {@link MaintenanceReaders}; absent when none
	 */
	public record AlarmList(@JsonProperty("alarms") @Nullable List<Alarm> alarms) {
	}

	/**
	 * One line of a snapshot stream: a chunk of the database, or an error that ends the
	 * stream.
	 *
	 * @param result the chunk, or {@code null} for an error
	 * @param error the error, or {@code null}
	 */
	public record SnapshotMessage(@JsonProperty("result") @Nullable SnapshotChunk result,
			@JsonProperty("error") WatchStreamMessage.@Nullable Error error) {
	}

	/**
	 * A chunk of a snapshot, at most 32 KiB. The last one holds the SHA-256 of all the
	 * others.
	 *
	 * @param remainingBytes what etcd still has to send after this chunk
	 * @param blob the chunk's bytes
	 */
	public record SnapshotChunk(@JsonProperty("remaining_bytes") long remainingBytes,
			@JsonProperty("blob") byte @Nullable [] blob) {
	}

}
