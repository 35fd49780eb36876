package dev.etcdspring.client.maintenance;

/**
 * The kinds of alarm an etcd member raises.
 *
 * @since 0.1.0
 */
public enum AlarmType {

	/**
	 * The backend database exceeded its quota ({@code --quota-backend-bytes}): the
	 * cluster refuses writes until space is freed (compact, defragment) and the alarm is
	 * disarmed.
	 */
	NOSPACE,

	/**
	 * A member found its data inconsistent with the others' (corruption check): it
	 * refuses writes until an operator repairs it.
	 */
	CORRUPT,

	/**
	 * An alarm of a type this client does not know, from a newer etcd. It cannot be
	 * disarmed through this client.
	 */
	UNKNOWN

}
