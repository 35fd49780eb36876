/**
 * Maintenance of an etcd cluster: status of every member, defragmentation, alarms,
 * hashes, snapshots and leader transfer.
 */
@NullMarked
package dev.etcdspring.client.maintenance;

import org.jspecify.annotations.NullMarked;
