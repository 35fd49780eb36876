package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd refused a request larger than its {@code --max-request-bytes} limit (1.5 MiB
 * unless the server was configured otherwise). Split the value, or raise the limit on
 * every member.
 *
 * @since 0.1.0
 */
public class EtcdRequestTooLargeException extends EtcdServerException {

	/** etcd's default for {@code --max-request-bytes}. */
	public static final long DEFAULT_SERVER_LIMIT = 1536 * 1024;

	private final long requestBytes;

	public EtcdRequestTooLargeException(String message, int code, String serverMessage, long requestBytes,
			@Nullable String endpoint) {
		super(message, code, serverMessage, endpoint);
		this.requestBytes = requestBytes;
	}

	/**
	 * Return the size of the request's JSON body. Keys and values are base64-encoded in
	 * it; etcd applies its limit to the decoded request, about three quarters of this.
	 * @return the size in bytes
	 */
	public long getRequestBytes() {
		return this.requestBytes;
	}

}
