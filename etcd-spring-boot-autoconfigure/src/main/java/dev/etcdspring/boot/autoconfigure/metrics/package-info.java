/**
 * Auto-configuration for etcd's Micrometer metrics.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
