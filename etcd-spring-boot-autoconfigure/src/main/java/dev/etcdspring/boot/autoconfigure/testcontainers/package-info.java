/**
 * Testcontainers support: {@code @ServiceConnection} on an etcd container supplies
 * {@link dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails}.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
