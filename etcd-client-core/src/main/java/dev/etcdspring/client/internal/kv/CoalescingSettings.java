package dev.etcdspring.client.internal.kv;

import dev.etcdspring.client.kv.CoalescingMetrics;

/**
 * Which requests share round trips, and how many round trips of one kind may be under way
 * before requests wait to combine.
 *
 * @param reads whether concurrent ranges of the same consistency combine
 * @param writes whether concurrent puts, deletes and transactions on distinct keys
 * combine
 * @param maxInFlight round trips per kind under way at once
 * @param metrics told the size of each round trip
 */
public record CoalescingSettings(boolean reads, boolean writes, int maxInFlight, CoalescingMetrics metrics) {

	/** Every request goes alone, as sent. */
	public static final CoalescingSettings OFF = new CoalescingSettings(false, false, 1, CoalescingMetrics.NONE);

	/**
	 * The estimated size a combined transaction may reach: well below etcd's default
	 * {@code --max-request-bytes} of 1.5 MiB, so that a batch is not refused as too large
	 * (and sent again alone) unless a server's limit was lowered.
	 */
	static final long MAX_BATCH_BYTES = 512 * 1024;

}
