package dev.etcdspring.client.maintenance;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import dev.etcdspring.client.cluster.EndpointStatus;
import dev.etcdspring.client.exception.EtcdException;

/**
 * Maintenance of the cluster, as {@code etcdctl endpoint status}, {@code defrag},
 * {@code alarm}, {@code endpoint hashkv}, {@code snapshot save} and {@code move-leader}
 * do it. Calls about one member take its client URL; calls about every member find the
 * members through the cluster's member list.
 *
 * @since 0.1.0
 */
public interface MaintenanceClient {

	/**
	 * How long {@link #defragment(String)} waits for one member by default. A member
	 * defragments by copying its whole database while it serves nothing else: for a
	 * database of gigabytes that takes minutes, far longer than any ordinary request.
	 */
	Duration DEFAULT_DEFRAGMENT_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Ask every member of the cluster for its status, one entry per member in the order
	 * of the member list. A member that cannot be asked gets an entry with the failure
	 * instead of a status: the call itself fails only when the member list cannot be
	 * read.
	 * @return one entry per member
	 */
	List<MemberStatus> memberStatuses();

	/**
	 * Ask one member for its status.
	 * @param endpoint the member's client URL
	 * @return its status
	 */
	EndpointStatus status(String endpoint);

	/**
	 * Defragment one member's database, giving back the space that compaction freed,
	 * within {@link #DEFAULT_DEFRAGMENT_TIMEOUT}. The member serves no other request
	 * while it defragments.
	 * @param endpoint the member's client URL
	 * @throws EtcdException when the member failed or did not finish in time
	 */
	void defragment(String endpoint);

	/**
	 * Defragment one member's database within the given time.
	 * @param endpoint the member's client URL
	 * @param timeout how long to wait for the member
	 * @throws EtcdException when the member failed or did not finish in time
	 */
	void defragment(String endpoint, Duration timeout);

	/**
	 * Defragment every member, one at a time so that the others keep serving: followers
	 * first, the leader last. Logs a line per member. A member that fails does not stop
	 * the others: its entry carries the failure.
	 * @return per member, its status after defragmenting (its {@code dbSize} shows the
	 * space given back) or the failure
	 */
	List<MemberStatus> defragmentAll();

	/**
	 * Defragment every member, one at a time, each within the given time.
	 * @param timeoutPerMember how long to wait for each member
	 * @return per member, its status after defragmenting or the failure
	 * @see #defragmentAll()
	 */
	List<MemberStatus> defragmentAll(Duration timeoutPerMember);

	/**
	 * List the alarms raised in the cluster.
	 * @return the alarms, empty when there are none
	 */
	List<Alarm> alarms();

	/**
	 * Disarm one alarm. Free the space first for {@link AlarmType#NOSPACE} (compact, then
	 * defragment): a member still over its quota raises it again at the next write.
	 * @param alarm the alarm, as {@link #alarms()} lists it
	 */
	void disarm(Alarm alarm);

	/**
	 * Disarm every alarm of a known type.
	 * @return the alarms disarmed
	 */
	List<Alarm> disarmAll();

	/**
	 * Ask one member for the hash of its whole backend database.
	 * @param endpoint the member's client URL
	 * @return the hash
	 */
	MemberHash hash(String endpoint);

	/**
	 * Ask one member for the hash of its key-value store up to a revision, which members
	 * at that revision share (unlike {@link #hash(String)}, which covers their own
	 * bookkeeping too).
	 * <p>
	 * etcd's JSON gateway serves it only from etcd 3.5.10 on: before, its route was the
	 * same as that of {@link #hash(String)}, which answered instead (etcd pull request
	 * 16490). Older members fail with a message saying so.
	 * @param endpoint the member's client URL
	 * @param revision the revision, 0 for the latest
	 * @return the hash
	 */
	MemberHash hashKv(String endpoint, long revision);

	/**
	 * Save a snapshot of the database to {@code out}, as {@code etcdctl snapshot save}
	 * does, from the member the client currently uses. The snapshot is streamed as it
	 * arrives, never held in memory whole; a log line reports the progress every few
	 * seconds. The output is not closed.
	 * @param out where to write the snapshot
	 * @return what was written
	 * @throws EtcdException when the download failed, stalled or arrived corrupt; what
	 * was written to {@code out} until then is not a usable snapshot
	 */
	Snapshot snapshot(OutputStream out);

	/**
	 * Save a snapshot of the database to {@code out}, telling {@code listener} of the
	 * progress after every chunk.
	 * @param out where to write the snapshot
	 * @param listener told of the progress
	 * @return what was written
	 * @see #snapshot(OutputStream)
	 */
	Snapshot snapshot(OutputStream out, SnapshotProgressListener listener);

	/**
	 * Make another member the leader, as {@code etcdctl move-leader} does. The request
	 * goes to the current leader, found through the members' status. Nothing happens when
	 * the member already leads.
	 * @param targetMemberId the id of the voting member to lead
	 * @throws EtcdException when the leader refused (an unknown member or a learner) or
	 * did not hand over in time
	 */
	void moveLeader(long targetMemberId);

}
