package dev.etcdspring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A write (put, delete, transaction) reached a member but no answer came back: it may or
 * may not have been applied. It is never retried automatically, because retrying a write
 * that was applied could apply it twice. Read the key to find out, or make the write
 * idempotent with a compare-and-swap.
 *
 * @since 0.1.0
 */
public class EtcdOutcomeUnknownException extends EtcdException {

	public EtcdOutcomeUnknownException(String message, @Nullable String endpoint, @Nullable Throwable cause) {
		super(message, endpoint, cause);
	}

}
