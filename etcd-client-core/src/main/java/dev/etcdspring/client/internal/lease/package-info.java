/**
 * Internal: the lease client and its keep-alives. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.lease;

import org.jspecify.annotations.NullMarked;
