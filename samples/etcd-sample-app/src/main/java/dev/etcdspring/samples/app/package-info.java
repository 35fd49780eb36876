/**
 * A command-line application that puts, reads and watches etcd keys through the
 * auto-configured {@link dev.etcdspring.client.template.EtcdTemplate}.
 */
@NullMarked
package dev.etcdspring.samples.app;

import org.jspecify.annotations.NullMarked;
