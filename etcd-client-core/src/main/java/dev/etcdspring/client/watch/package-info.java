/**
 * Watch API: be told of every change to a key or prefix.
 */
@NullMarked
package dev.etcdspring.client.watch;

import org.jspecify.annotations.NullMarked;
