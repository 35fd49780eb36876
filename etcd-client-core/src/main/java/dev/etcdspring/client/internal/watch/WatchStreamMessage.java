package dev.etcdspring.client.internal.watch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One line of a gateway watch stream: a {@code result}, or an {@code error} that ends the
 * stream.
 */
@JsonDeserialize(using = WatchMessageReaders.MessageReader.class)
record WatchStreamMessage(@JsonProperty("result") @Nullable Result result,
		@JsonProperty("error") @Nullable Error error) {

	@JsonDeserialize(using = WatchMessageReaders.ResultReader.class)
	record Result(@JsonProperty("header") @Nullable ResponseHeader header, @JsonProperty("watch_id") long watchId,
			@JsonProperty("created") boolean created, @JsonProperty("canceled") boolean canceled,
			@JsonProperty("compact_revision") long compactRevision,
			@JsonProperty("cancel_reason") @Nullable String cancelReason,
			@JsonProperty("events") @Nullable List<WatchEvent> events) {

		long revision() {
			return (this.header != null) ? this.header.revision() : 0;
		}

		List<WatchEvent> eventList() {
			return (this.events != null) ? this.events : List.of();
		}

	}

	record Error(@JsonProperty("grpc_code") int grpcCode, @JsonProperty("http_code") int httpCode,
			@JsonProperty("message") @Nullable String message) {
	}

}
