package dev.etcdspring.client.internal.transport;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of a gateway error answer. etcd 3.4 sends both {@code error} and
 * {@code message}; etcd 3.6 drops {@code error}, so {@code message} is read first.
 */
record GatewayError(@JsonProperty("error") @Nullable String error, @JsonProperty("code") int code,
		@JsonProperty("message") @Nullable String message) {

	String text() {
		if (this.message != null && !this.message.isEmpty()) {
			return this.message;
		}
		return (this.error != null) ? this.error : "";
	}

}
