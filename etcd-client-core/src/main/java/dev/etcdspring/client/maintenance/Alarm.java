package dev.etcdspring.client.maintenance;

/**
 * An alarm raised by one member.
 *
 * @param memberId the member that raised it
 * @param type the kind of alarm
 * @since 0.1.0
 */
public record Alarm(long memberId, AlarmType type) {

	@Override
	public String toString() {
		// member ids are unsigned 64-bit numbers: in hex, as etcdctl prints them
		return "Alarm[member=" + Long.toHexString(this.memberId) + ", type=" + this.type + "]";
	}

}
