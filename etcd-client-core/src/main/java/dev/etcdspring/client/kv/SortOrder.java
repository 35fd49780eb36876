package dev.etcdspring.client.kv;

/**
 * Order of the keys in a range answer.
 *
 * @since 0.1.0
 */
public enum SortOrder {

	/** etcd's order: ascending by key. */
	NONE,

	/** Ascending by the sort target. */
	ASCEND,

	/** Descending by the sort target. */
	DESCEND

}
