package dev.etcdspring.client.kv;

/**
 * Told how concurrent requests share round trips (see
 * {@code EtcdClientBuilder#coalesceReads}): the Spring Boot auto-configuration turns
 * these calls into a Micrometer distribution of batch sizes and a count of requests that
 * shared a round trip. Calls come from the callers' threads: keep them cheap.
 *
 * @since 0.1.0
 */
public interface CoalescingMetrics {

	/** Records nothing. */
	CoalescingMetrics NONE = new CoalescingMetrics() {
	};

	/**
	 * A round trip to etcd left for one or more requests of a lane.
	 * @param lane {@code "linearizable-reads"}, {@code "serializable-reads"} or
	 * {@code "writes"}
	 * @param requests how many callers it answers: 1 for a request sent alone, more when
	 * requests were combined into one transaction or identical reads shared it
	 */
	default void roundTrip(String lane, int requests) {
	}

	/**
	 * etcd refused a combined transaction because of one of its requests (a lease not
	 * found, a permission denied, too large): nothing was applied, and each request is
	 * sent again alone, so that the failure reaches only its own caller.
	 * @param lane the lane, as in {@link #roundTrip(String, int)}
	 * @param requests how many requests are sent again
	 */
	default void resentAlone(String lane, int requests) {
	}

}
