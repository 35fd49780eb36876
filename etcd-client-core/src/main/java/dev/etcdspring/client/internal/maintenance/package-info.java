/**
 * Internal: the maintenance client. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.maintenance;

import org.jspecify.annotations.NullMarked;
