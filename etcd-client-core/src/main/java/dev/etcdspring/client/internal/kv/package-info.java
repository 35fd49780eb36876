/**
 * Internal: the key-value client and the bulk writer. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.kv;

import org.jspecify.annotations.NullMarked;
