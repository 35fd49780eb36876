/**
 * Actuator health indicator for etcd.
 */
@NullMarked
package dev.etcdspring.boot.health;

import org.jspecify.annotations.NullMarked;
