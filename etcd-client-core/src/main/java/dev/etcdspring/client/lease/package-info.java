/**
 * Lease API: grant, revoke, time to live, keep-alive.
 */
@NullMarked
package dev.etcdspring.client.lease;

import org.jspecify.annotations.NullMarked;
