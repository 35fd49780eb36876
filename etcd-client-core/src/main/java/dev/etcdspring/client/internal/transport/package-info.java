/**
 * Internal: HTTP to etcd's gateway (the built-in client and the {@code RestClient}
 * adapter), failover between members, authentication tokens and error translation. Knows
 * nothing of keys, watches or templates. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.transport;

import org.jspecify.annotations.NullMarked;
