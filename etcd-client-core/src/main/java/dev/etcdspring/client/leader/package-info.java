/**
 * Leader election for Spring applications:
 * {@link dev.etcdspring.client.leader.EtcdLeaderInitiator} campaigns in an etcd election
 * on a thread of its own while the application runs, and tells the application when it
 * leads and when it no longer does, through
 * {@link dev.etcdspring.client.leader.EtcdLeaderListener}s and application events.
 */
@NullMarked
package dev.etcdspring.client.leader;

import org.jspecify.annotations.NullMarked;
