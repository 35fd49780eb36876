/**
 * Annotations for watching etcd from bean methods: {@link EtcdWatch @EtcdWatch} and
 * {@link EnableEtcdWatch @EnableEtcdWatch}, with the post-processor that turns each
 * method into an endpoint of {@code dev.etcdspring.client.listener}, and
 * {@link EtcdWatchConfigurer} to register watches in code. Depends on the listener
 * package, never the other way round.
 */
@NullMarked
package dev.etcdspring.client.annotation;

import org.jspecify.annotations.NullMarked;
