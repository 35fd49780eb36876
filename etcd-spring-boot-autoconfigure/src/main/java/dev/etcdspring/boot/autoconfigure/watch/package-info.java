/**
 * Auto-configuration for {@link dev.etcdspring.client.annotation.EtcdWatch @EtcdWatch}
 * methods.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.watch;

import org.jspecify.annotations.NullMarked;
