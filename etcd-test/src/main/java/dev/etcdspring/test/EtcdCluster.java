package dev.etcdspring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.test.EtcdHttp.Status;

/**
 * A local cluster of real etcd members on loopback ports, for fault tests that kill,
 * pause and restart members. {@link #builder(int)} starts one that serves clients over
 * TLS; peers talk plain http.
 *
 * @since 0.1.0
 */
public final class EtcdCluster implements AutoCloseable {

	private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

	private final List<EtcdServer> members;

	EtcdCluster(List<EtcdServer> members) {
		this.members = List.copyOf(members);
	}

	/**
	 * Start a cluster and wait until every member is healthy.
	 * @param members the number of members, usually 3
	 * @return the running cluster
	 * @throws IllegalStateException if etcd is missing or a member does not become
	 * healthy
	 * @since 0.1.0
	 */
	public static EtcdCluster start(int members) {
		return start(members, new String[0]);
	}

	/**
	 * Start a cluster whose members all get the given extra etcd flags, and wait until
	 * every member is healthy.
	 * @param members the number of members, usually 3
	 * @param extraArgs extra etcd flags for every member
	 * @return the running cluster
	 * @throws IllegalStateException if etcd is missing or a member does not become
	 * healthy
	 * @since 0.1.0
	 */
	public static EtcdCluster start(int members, String... extraArgs) {
		return builder(members).arg(extraArgs).start();
	}

	/**
	 * Return a builder for a cluster with extra etcd flags or TLS.
	 * @param members the number of members, usually 3
	 * @return a new builder
	 * @since 0.1.0
	 */
	public static Builder builder(int members) {
		return new Builder(members);
	}

	/**
	 * Return all members, in start order.
	 * @return the members
	 * @since 0.1.0
	 */
	public List<EtcdServer> members() {
		return this.members;
	}

	/**
	 * Return one member.
	 * @param index the member index, from 0
	 * @return the member
	 * @since 0.1.0
	 */
	public EtcdServer member(int index) {
		return this.members.get(index);
	}

	/**
	 * Return the client endpoints of all members, stopped ones included.
	 * @return the client endpoints
	 * @since 0.1.0
	 */
	public List<String> endpoints() {
		return this.members.stream().map(EtcdServer::endpoint).toList();
	}

	/**
	 * Return the client endpoints of every member but {@code member}: for a client that
	 * must go on while that member is down.
	 * @param member the member to leave out
	 * @return the other members' client endpoints
	 * @since 0.1.0
	 */
	public List<String> endpointsExcept(EtcdServer member) {
		return this.members.stream().filter((other) -> other != member).map(EtcdServer::endpoint).toList();
	}

	/**
	 * Return the certificates of a cluster started with TLS, and an {@code SSLContext}
	 * for its clients: every member has the same.
	 * @return the TLS material (of member 0, whose files are copies of the others')
	 * @throws IllegalStateException if the cluster serves plain http
	 * @since 0.1.0
	 */
	public EtcdTls tls() {
		return member(0).tls();
	}

	/**
	 * Return a member that is not the current leader: killing it leaves the others taking
	 * writes without an election.
	 * @return a follower
	 * @throws IllegalStateException if no leader is found in time (see {@link #leader()})
	 * @since 0.1.0
	 */
	public EtcdServer follower() {
		EtcdServer leader = leader();
		return this.members.stream().filter((member) -> member != leader).findFirst().orElseThrow();
	}

	/**
	 * Return the current leader, waiting up to 30 seconds for one to be elected.
	 * <p>
	 * A member counts as leader when it says so itself and a quorum of members agrees:
	 * this keeps a just-resumed former leader, which still believes in its old term, from
	 * being picked.
	 * @return the leader
	 * @throws IllegalStateException if no leader is found in time
	 * @since 0.1.0
	 */
	public EtcdServer leader() {
		long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
		List<String> seen = new ArrayList<>();
		while (true) {
			seen.clear();
			List<Status> statuses = new ArrayList<>();
			List<EtcdServer> answering = new ArrayList<>();
			for (EtcdServer member : this.members) {
				Status status = (member.isRunning() && !member.isPaused())
						? EtcdHttp.status(member.endpoint(), member.tlsOrNull()) : null;
				seen.add(member.name() + "=" + status);
				if (status != null) {
					statuses.add(status);
					answering.add(member);
				}
			}
			int quorum = this.members.size() / 2 + 1;
			for (int i = 0; i < statuses.size(); i++) {
				Status candidate = statuses.get(i);
				long votes = statuses.stream().filter((status) -> status.leader().equals(candidate.memberId())).count();
				if (candidate.isLeader() && votes >= quorum) {
					return answering.get(i);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"No etcd leader within " + LEADER_TIMEOUT.toSeconds() + " s; last statuses: " + seen);
			}
			EtcdLauncher.sleep(Duration.ofMillis(100));
		}
	}

	/**
	 * Run {@code etcdctl} (API v3) against all members, with a 30 second timeout.
	 * @param args the etcdctl arguments, for example {@code "member", "list"}
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(String... args) {
		return Etcdctl.run(endpoints(), member(0).tlsOrNull(), null, args);
	}

	/**
	 * Run {@code etcdctl} (API v3) against all members with the given standard input.
	 * @param stdin the bytes to write to standard input
	 * @param args the etcdctl arguments
	 * @return the result
	 * @since 0.1.0
	 */
	public EtcdctlResult etcdctl(byte[] stdin, String... args) {
		return Etcdctl.run(endpoints(), member(0).tlsOrNull(), stdin, args);
	}

	/**
	 * Kill every running member, start all of them again with their data dirs, and wait
	 * until all are healthy. Unlike restarting members one by one, this works when the
	 * cluster has lost its quorum.
	 * @throws IllegalStateException if a member does not become healthy
	 * @since 0.1.0
	 */
	public void restart() {
		for (EtcdServer member : this.members) {
			member.kill();
			member.launch();
		}
		EtcdLauncher.awaitHealthyOrKill(this.members);
	}

	/**
	 * Close every member: kill the processes and delete the data dirs. Idempotent; never
	 * throws.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		this.members.forEach(EtcdServer::close);
	}

	@Override
	public String toString() {
		return "EtcdCluster" + this.members;
	}

	/**
	 * Builder for an {@link EtcdCluster}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends EtcdLaunchBuilder<Builder, EtcdCluster> {

		private final int members;

		private Builder(int members) {
			this.members = members;
		}

		@Override
		public EtcdCluster start() {
			return new EtcdCluster(launch(this.members));
		}

	}

}
