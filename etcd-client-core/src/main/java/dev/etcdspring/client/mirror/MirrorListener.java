package dev.etcdspring.client.mirror;

import dev.etcdspring.client.exception.EtcdException;

/**
 * Told of every change of an {@link EtcdMirror}: one call per etcd revision, with all of
 * that revision's changes under the prefix, after the mirror already shows them. Calls
 * come one at a time, in revision order, on the client's watch threads: a slow listener
 * delays the mirror's next revision (never other watches), so hand long work off.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MirrorListener {

	/**
	 * The mirror moved to a new revision.
	 * @param change what changed, with the snapshots before and after
	 */
	void onChange(MirrorChange change);

	/**
	 * etcd could not be read or watched; the mirror keeps its last state and keeps
	 * trying, unless {@link EtcdMirror#isActive()} turned {@code false} (etcd refused the
	 * watch for good, for example for lack of permission). By default nothing happens.
	 * @param failure what went wrong
	 */
	default void onFailure(EtcdException failure) {
	}

}
