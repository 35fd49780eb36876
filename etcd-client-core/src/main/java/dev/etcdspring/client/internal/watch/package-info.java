/**
 * Internal: the watch engine: gateway streams resumed after failures from the last from
 * the last delivered revision, so that no event is lost. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.watch;

import org.jspecify.annotations.NullMarked;
