/**
 * A lean etcd v3 client over the JSON gateway: {@link dev.etcdspring.client.EtcdClient}
 * and its exceptions.
 */
@NullMarked
package dev.etcdspring.client;

import org.jspecify.annotations.NullMarked;
