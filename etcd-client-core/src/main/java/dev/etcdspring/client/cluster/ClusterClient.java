package dev.etcdspring.client.cluster;

import java.util.List;

/**
 * Cluster membership and member status.
 *
 * @since 0.1.0
 */
public interface ClusterClient {

	/**
	 * List the cluster's members.
	 * @return the members
	 */
	List<Member> members();

	/**
	 * Ask the member currently in use for its status.
	 * @return its status
	 */
	EndpointStatus status();

	/**
	 * Ask one given member for its status, without failover.
	 * @param endpoint the member's client URL
	 * @return its status
	 */
	EndpointStatus status(String endpoint);

}
