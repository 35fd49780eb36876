/**
 * Internal: every JSON reader and writer of the gateway's wire format. The public model
 * ({@code kv}, {@code watch}, {@code cluster}) carries no mapping annotations and writes
 * no JSON: how the gateway spells a field is known here alone, and nothing else in the
 * client needs Jackson. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.codec;

import org.jspecify.annotations.NullMarked;
