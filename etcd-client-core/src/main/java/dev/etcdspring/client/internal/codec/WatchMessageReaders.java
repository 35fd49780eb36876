package dev.etcdspring.client.internal.codec;

import java.util.List;
import java.util.Map;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.watch.WatchEvent;
import tools.jackson.databind.DeserializationContext;

/**
 * Hand-written readers of the watch stream's messages: each event passes through them on
 * its way to a listener, so they avoid Jackson's reflective record construction (see
 * {@link GatewayObjectReader}).
 */
final class WatchMessageReaders {

	private WatchMessageReaders() {
	}

	/** Reads a {@link WatchStreamMessage}. */
	static final class MessageReader extends GatewayObjectReader<WatchStreamMessage, MessageReader.Fields> {

		MessageReader() {
			super(Fields::new,
					Map.of("result", message(WatchStreamMessage.Result.class, (fields, value) -> fields.result = value),
							"error", message(WatchStreamMessage.Error.class, (fields, value) -> fields.error = value)));
		}

		@Override
		protected WatchStreamMessage build(Fields fields) {
			return new WatchStreamMessage(fields.result, fields.error);
		}

		static final class Fields {

			WatchStreamMessage.Result result;

			WatchStreamMessage.Error error;

		}

	}

	/** Reads a {@link WatchStreamMessage.Result}. */
	static final class ResultReader extends GatewayObjectReader<WatchStreamMessage.Result, ResultReader.Fields> {

		ResultReader() {
			super(Fields::new,
					Map.of("header", message(ResponseHeader.class, (fields, value) -> fields.header = value),
							"watch_id", (parser, context, fields) -> fields.watchId = int64(parser), "created",
							(parser, context, fields) -> fields.created = parser.getBooleanValue(), "canceled",
							(parser, context, fields) -> fields.canceled = parser.getBooleanValue(), "compact_revision",
							(parser, context, fields) -> fields.compactRevision = int64(parser), "cancel_reason",
							(parser, context, fields) -> fields.cancelReason = parser.getString(), "events",
							messages(WatchEvent.class, (fields, values) -> fields.events = values), "fragment",
							(parser, context, fields) -> fields.fragment = parser.getBooleanValue()));
		}

		@Override
		protected WatchStreamMessage.Result build(Fields fields) {
			return new WatchStreamMessage.Result(fields.header, fields.watchId, fields.created, fields.canceled,
					fields.compactRevision, fields.cancelReason, fields.events, fields.fragment);
		}

		static final class Fields {

			ResponseHeader header;

			long watchId;

			boolean created;

			boolean canceled;

			long compactRevision;

			String cancelReason;

			List<WatchEvent> events;

			boolean fragment;

		}

	}

	/** Reads a {@link WatchEvent}. */
	static final class EventReader extends GatewayObjectReader<WatchEvent, EventReader.Fields> {

		EventReader() {
			super(Fields::new,
					Map.of("type", (parser, context, fields) -> fields.type = type(parser.getString(), context), "kv",
							message(KeyValue.class, (fields, value) -> fields.kv = value), "prev_kv",
							message(KeyValue.class, (fields, value) -> fields.prevKv = value)));
		}

		private static WatchEvent.Type type(String name, DeserializationContext context) {
			return switch (name) {
				case "PUT" -> WatchEvent.Type.PUT;
				case "DELETE" -> WatchEvent.Type.DELETE;
				default -> context.reportInputMismatch(WatchEvent.Type.class, "unknown watch event type '%s'", name);
			};
		}

		@Override
		protected WatchEvent build(Fields fields) {
			return new WatchEvent(fields.type, fields.kv, fields.prevKv);
		}

		static final class Fields {

			WatchEvent.Type type;

			KeyValue kv;

			KeyValue prevKv;

		}

	}

}
