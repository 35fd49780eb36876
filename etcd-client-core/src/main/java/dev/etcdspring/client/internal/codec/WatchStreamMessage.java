package dev.etcdspring.client.internal.codec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

/**
 * One line of a gateway watch stream: a {@code result}, or an {@code error} that ends the
 * stream. Read by {@link WatchMessageReaders}, registered in {@link GatewayModule}.
 *
 * @param result the result, or {@code null} for an error
 * @param error the error that ends the stream, or {@code null}
 * @since 0.1.0
 */
public record WatchStreamMessage(@Nullable Result result, @Nullable Error error) {

	/**
	 * A watch created, canceled, or its events.
	 *
	 * @param header the header; its revision is the stream's at the time
	 * @param watchId the watch the result is about
	 * @param created whether it confirms a create request
	 * @param canceled whether the watch has ended
	 * @param compactRevision the compaction that ended it, 0 for none
	 * @param cancelReason why etcd ended it
	 * @param events the changes
	 * @param fragment whether more of the same answer follows in the next result: etcd
	 * splits an answer larger than its request limit when the watch asked for fragments
	 */
	public record Result(@Nullable ResponseHeader header, long watchId, boolean created, boolean canceled,
			long compactRevision, @Nullable String cancelReason, @Nullable List<WatchEvent> events, boolean fragment) {

		/**
		 * Return the header's revision.
		 * @return the revision, 0 without a header
		 */
		public long revision() {
			return (this.header != null) ? this.header.revision() : 0;
		}

		/**
		 * Return the events.
		 * @return the events, empty when there are none
		 */
		public List<WatchEvent> eventList() {
			return (this.events != null) ? this.events : List.of();
		}

	}

	/**
	 * The error that ends a stream. Rare: Jackson maps it.
	 *
	 * @param grpcCode the gRPC status code
	 * @param httpCode the HTTP status the gateway maps it to
	 * @param message etcd's message
	 */
	public record Error(@JsonProperty("grpc_code") int grpcCode, @JsonProperty("http_code") int httpCode,
			@JsonProperty("message") @Nullable String message) {
	}

}
