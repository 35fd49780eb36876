package dev.etcdspring.client.maintenance;

import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.exception.EtcdException;
import org.jspecify.annotations.Nullable;

/**
 * What one member of the cluster answered: its status, or why it could not be asked. A
 * member that is down is an entry with a {@link #failure()}, not an exception, so that
 * one dead member does not hide the state of the others.
 *
 * @param member the member, as the cluster lists it
 * @param endpoint the client URL it was asked at, {@code null} when it has none (a member
 * added but not started yet)
 * @param status its status, {@code null} when it could not be asked
 * @param failure why it could not be asked, {@code null} when it answered
 * @since 0.1.0
 */
public record MemberStatus(Member member, @Nullable String endpoint, @Nullable EndpointStatus status,
		@Nullable EtcdException failure) {

	/**
	 * Whether the member answered.
	 * @return {@code true} when {@link #status()} is set
	 */
	public boolean isReachable() {
		return this.status != null;
	}

	/**
	 * Whether the member answered and is the leader.
	 * @return {@code true} for the leader
	 */
	public boolean isLeader() {
		return this.status != null && this.status.isLeader();
	}

	@Override
	public String toString() {
		return "MemberStatus[member=" + Long.toHexString(this.member.id()) + ", name=" + this.member.name()
				+ ", endpoint=" + this.endpoint + ", "
				+ ((this.status != null) ? this.status : "failure=" + this.failure) + "]";
	}

}
