/**
 * A command-line application that puts, reads and watches etcd keys through the
 * auto-configured {@link dev.etcdspring.client.template.EtcdTemplate}, and imports its
 * greeting from etcd ({@code spring.config.import}), changing it while it runs.
 */
@NullMarked
package dev.etcdspring.samples.app;

import org.jspecify.annotations.NullMarked;
