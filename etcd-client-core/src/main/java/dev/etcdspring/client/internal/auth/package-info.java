/**
 * Internal: the auth administration client. Not public API.
 */
@NullMarked
package dev.etcdspring.client.internal.auth;

import org.jspecify.annotations.NullMarked;
