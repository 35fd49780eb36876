/**
 * The machinery behind {@link dev.etcdspring.client.annotation.EtcdWatch @EtcdWatch}: the
 * bean post-processor that finds the methods, the registry that runs their watches, and
 * the handler of failed calls.
 */
@NullMarked
package dev.etcdspring.client.listener;

import org.jspecify.annotations.NullMarked;
