/**
 * Authentication with etcd: the {@link dev.etcdspring.client.auth.EtcdCredentials} a
 * client logs in with.
 */
@NullMarked
package dev.etcdspring.client.auth;

import org.jspecify.annotations.NullMarked;
