/**
 * Spring Boot auto-configuration for etcd: an {@link dev.etcdspring.client.EtcdClient}
 * and an {@link dev.etcdspring.client.template.EtcdTemplate} configured from
 * {@code etcd.*} properties.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
