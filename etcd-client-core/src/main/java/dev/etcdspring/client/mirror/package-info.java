/**
 * {@link dev.etcdspring.client.mirror.EtcdMirror}: a local, always current copy of the
 * keys under a prefix, read at a revision R and kept current by a watch from R + 1, for
 * lock-free reads from memory.
 */
@NullMarked
package dev.etcdspring.client.mirror;

import org.jspecify.annotations.NullMarked;
