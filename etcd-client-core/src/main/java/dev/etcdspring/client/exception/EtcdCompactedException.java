package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The revision asked for has been compacted away: read the current state and start again
 * from there.
 *
 * @since 0.1.0
 */
public class EtcdCompactedException extends EtcdServerException {

	private final long compactRevision;

	public EtcdCompactedException(String message, int code, String serverMessage, long compactRevision,
			@Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
		this.compactRevision = compactRevision;
	}

	/**
	 * Return the revision the store was compacted at, when etcd said so (watches), else
	 * -1.
	 * @return the compact revision or -1
	 */
	public long getCompactRevision() {
		return this.compactRevision;
	}

}
