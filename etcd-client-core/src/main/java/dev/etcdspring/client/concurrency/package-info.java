/**
 * Distributed locks and leader election on etcd, in the layout of etcd's own
 * {@code clientv3/concurrency} package, so that they interoperate with
 * {@code etcdctl lock} and {@code etcdctl elect}: an
 * {@link dev.etcdspring.client.concurrency.EtcdSession} (a lease kept alive) hands out
 * {@link dev.etcdspring.client.concurrency.EtcdLock}s and
 * {@link dev.etcdspring.client.concurrency.EtcdElection}s.
 */
@NullMarked
package dev.etcdspring.client.concurrency;

import org.jspecify.annotations.NullMarked;
