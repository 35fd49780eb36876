/**
 * Annotations for watching etcd from bean methods: {@link EtcdWatch @EtcdWatch} and
 * {@link EnableEtcdWatch @EnableEtcdWatch}.
 */
@NullMarked
package dev.etcdspring.client.annotation;

import org.jspecify.annotations.NullMarked;
