/**
 * Configuration from etcd: {@code spring.config.import=etcd:/config/myapp/} loads the
 * keys under a path as properties, and refreshes them, and the
 * {@code @ConfigurationProperties} beans bound to them, as etcd changes.
 */
@NullMarked
package dev.etcdspring.boot.autoconfigure.config;

import org.jspecify.annotations.NullMarked;
