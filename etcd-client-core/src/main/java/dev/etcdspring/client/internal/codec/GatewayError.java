package dev.etcdspring.client.internal.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of a gateway error answer. etcd 3.4 sends both {@code error} and
 * {@code message}; etcd 3.6 drops {@code error}, so {@code message} is read first.
 *
 * @param error etcd 3.4's copy of the message
 * @param code the gRPC status code
 * @param message etcd's message
 * @since 0.1.0
 */
public record GatewayError(@JsonProperty("error") @Nullable String error, @JsonProperty("code") int code,
		@JsonProperty("message") @Nullable String message) {

	/**
	 * Return etcd's message, from whichever field carries it.
	 * @return the message, empty when there is none
	 */
	public String text() {
		if (this.message != null && !this.message.isEmpty()) {
			return this.message;
		}
		return (this.error != null) ? this.error : "";
	}

}
