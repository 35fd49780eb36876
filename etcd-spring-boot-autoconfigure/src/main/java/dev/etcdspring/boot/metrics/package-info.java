/**
 * Micrometer metrics for the etcd client.
 */
@NullMarked
package dev.etcdspring.boot.metrics;

import org.jspecify.annotations.NullMarked;
