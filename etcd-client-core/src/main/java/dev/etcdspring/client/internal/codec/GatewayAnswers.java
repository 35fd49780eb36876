package dev.etcdspring.client.internal.codec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.cluster.Member;
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

}
