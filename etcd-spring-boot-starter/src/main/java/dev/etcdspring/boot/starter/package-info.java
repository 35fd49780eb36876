/**
 * The starter has no code: it brings the etcd client and its auto-configuration. This
 * file exists so that a javadoc jar can be built.
 */
@NullMarked
package dev.etcdspring.boot.starter;

import org.jspecify.annotations.NullMarked;
