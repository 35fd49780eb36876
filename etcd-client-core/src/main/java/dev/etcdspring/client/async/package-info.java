/**
 * Asynchronous calls: every unary operation of {@link dev.etcdspring.client.EtcdClient}
 * as a {@link java.util.concurrent.CompletableFuture}, through
 * {@link dev.etcdspring.client.EtcdClient#async()}.
 */
@NullMarked
package dev.etcdspring.client.async;

import org.jspecify.annotations.NullMarked;
