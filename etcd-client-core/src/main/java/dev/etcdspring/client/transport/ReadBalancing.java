package dev.etcdspring.client.transport;

/**
 * Which member serves a serializable read (a {@code RangeQuery} made
 * {@code serializable()}, or {@code etcd.list(...).serializable()}). Set it with
 * {@link dev.etcdspring.client.EtcdClientBuilder#readBalancing(ReadBalancing)}, or
 * {@code etcd.read-balancing} with Spring Boot.
 * <p>
 * A serializable read is answered by the member that receives it, from its own copy of
 * the data, without asking the leader: spreading such reads spreads their cost over the
 * cluster. Linearizable reads and writes always go to the one member the client sticks
 * to, whatever is chosen here: a linearizable read costs the leader a round of
 * confirmation whichever member serves it, so spreading it would move little of the work,
 * and one member keeps one set of warm connections and today's failover.
 *
 * @since 0.1.0
 */
public enum ReadBalancing {

	/**
	 * Every request goes to the member the client sticks to, until it fails; then the
	 * next one. The default.
	 */
	STICKY,

	/**
	 * Serializable reads go to each member in turn. A member that failed a request is
	 * skipped for a short, growing back-off (from one second, doubling up to 30 s), and
	 * when every member failed recently they are tried all the same.
	 */
	ROUND_ROBIN

}
