/**
 * Cluster membership and member status.
 */
@NullMarked
package dev.etcdspring.client.cluster;

import org.jspecify.annotations.NullMarked;
