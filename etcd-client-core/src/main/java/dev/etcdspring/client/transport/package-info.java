/**
 * Internal: HTTP transport to the gateway, failover and error translation. Not a public
 * API.
 */
@NullMarked
package dev.etcdspring.client.transport;

import org.jspecify.annotations.NullMarked;
