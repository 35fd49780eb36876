/**
 * Docker Compose support: an etcd service of a Compose file supplies
 * {@link dev.etcdspring.boot.autoconfigure.EtcdConnectionDetails}.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.docker.compose;

import org.jspecify.annotations.NullMarked;
