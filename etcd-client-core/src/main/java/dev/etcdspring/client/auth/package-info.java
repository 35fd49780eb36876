/**
 * Authentication with etcd: the {@link dev.etcdspring.client.auth.EtcdCredentials} a
 * client logs in with, and the {@link dev.etcdspring.client.auth.AuthClient} that
 * administers users, roles and their permissions.
 */
@NullMarked
package dev.etcdspring.client.auth;

import org.jspecify.annotations.NullMarked;
