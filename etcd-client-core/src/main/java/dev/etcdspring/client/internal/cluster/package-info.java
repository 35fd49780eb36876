/**
 * Internal: the cluster client. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.cluster;

import org.jspecify.annotations.NullMarked;
