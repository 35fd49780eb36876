/**
 * Internal: the implementations behind the client's public interfaces. Nothing in
 * {@code dev.etcdspring.client.internal} or below is public API: it may change in any
 * release. Applications use {@link dev.etcdspring.client.EtcdClient} and the types of the
 * packages it returns.
 */
@NullMarked
package dev.etcdspring.client.internal;

import org.jspecify.annotations.NullMarked;
