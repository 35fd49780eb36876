/**
 * Internal: the asynchronous API behind {@link dev.etcdspring.client.EtcdClient#async()}:
 * calls of the synchronous client on an executor, with cancellation that reaches the HTTP
 * exchange. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.async;

import org.jspecify.annotations.NullMarked;
