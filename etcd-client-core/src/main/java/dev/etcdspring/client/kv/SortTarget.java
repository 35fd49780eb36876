package dev.etcdspring.client.kv;

/**
 * What a range answer is sorted by.
 *
 * @since 0.1.0
 */
public enum SortTarget {

	/** The key's bytes. */
	KEY,

	/** The key's version. */
	VERSION,

	/** The key's create revision. */
	CREATE,

	/** The key's last modification revision. */
	MOD,

	/** The value's bytes. */
	VALUE

}
