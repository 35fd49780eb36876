/**
 * Internal: every JSON reader and writer of the gateway's wire format. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.codec;

import org.jspecify.annotations.NullMarked;
