package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * An answer of etcd, or one message of a watch stream, was larger than the client
 * accepts: {@code etcd.max-answer-size} with Spring Boot,
 * {@link EtcdClientBuilder#maxAnswerBytes(long)} otherwise (64 MiB by default). The
 * client read no more than the limit and closed the connection. Ask for less (a
 * {@code limit}, a narrower range, keys only, a count) or raise the limit.
 *
 * @since 0.1.0
 */
public class EtcdAnswerTooLargeException extends EtcdException {

	private final long limit;

	public EtcdAnswerTooLargeException(String message, long limit, @Nullable String endpoint,
			@Nullable Throwable cause) {
		super(message, endpoint, cause);
		this.limit = limit;
	}

	/**
	 * Return the limit that the answer exceeded.
	 * @return the largest answer the client accepts, in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

}
