/**
 * A lean etcd v3 client over the JSON gateway: {@link dev.etcdspring.client.EtcdClient}
 * and its builder. The APIs it returns live in {@code kv}, {@code lease}, {@code watch}
 * and {@code cluster}, its exceptions in {@code exception}; locks and leader election,
 * built on them, in {@code concurrency}.
 */
@NullMarked
package dev.etcdspring.client;

import org.jspecify.annotations.NullMarked;
