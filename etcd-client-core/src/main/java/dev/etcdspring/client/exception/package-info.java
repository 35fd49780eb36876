/**
 * The exceptions of the etcd client, all unchecked and rooted at
 * {@link dev.etcdspring.client.exception.EtcdException}: what went wrong, whether the
 * request may have been applied, and what to do about it.
 */
@NullMarked
package dev.etcdspring.client.exception;

import org.jspecify.annotations.NullMarked;
