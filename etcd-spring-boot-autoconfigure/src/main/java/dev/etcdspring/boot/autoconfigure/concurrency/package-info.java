/**
 * Auto-configuration for locks and leader election on etcd: an
 * {@link dev.etcdspring.client.integration.EtcdLockRegistry} when Spring Integration is
 * present, and an {@link dev.etcdspring.client.leader.EtcdLeaderInitiator} when
 * {@code etcd.leader.enabled} is set.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.concurrency;

import org.jspecify.annotations.NullMarked;
