package dev.etcdspring.client.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A hand-written reader for a gateway message that every answer carries (a header, a
 * key-value): one pass over its fields, with no buffering of creator properties and no
 * reflective constructor call. Jackson's record support does both, and for these small,
 * frequent objects that cost more than the rest of the answer.
 *
 * @param <T> the message type
 * @param <B> a mutable holder for the fields read so far
 */
abstract class GatewayObjectReader<T, B> extends ValueDeserializer<T> {

	private final Supplier<B> newFields;

	private final Map<String, FieldReader<B>> fieldReaders;

	/**
	 * Create a reader.
	 * @param newFields creates a holder for one message's fields
	 * @param fieldReaders how to read each known field, by name
	 */
	protected GatewayObjectReader(Supplier<B> newFields, Map<String, FieldReader<B>> fieldReaders) {
		this.newFields = newFields;
		this.fieldReaders = Map.copyOf(fieldReaders);
	}

	/**
	 * Jackson creates a new instance of an uncachable deserializer each time it is looked
	 * up, and every nested message is looked up.
	 * @return {@code true}: readers hold no per-message state
	 */
	@Override
	public boolean isCachable() {
		return true;
	}

	@Override
	public T deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			token = parser.nextToken();
		}
		B fields = this.newFields.get();
		while (token == JsonToken.PROPERTY_NAME) {
			FieldReader<B> reader = this.fieldReaders.get(parser.currentName());
			if (parser.nextToken() != JsonToken.VALUE_NULL) {
				if (reader != null) {
					reader.read(parser, context, fields);
				}
				else {
					// a field of a newer etcd: skip it, whatever its shape
					parser.skipChildren();
				}
			}
			token = parser.nextToken();
		}
		if (token != JsonToken.END_OBJECT) {
			return context.reportInputMismatch(this, "expected a JSON object, found %s", token);
		}
		return build(fields);
	}

	/**
	 * Build the message.
	 * @param fields the fields read
	 * @return the message
	 */
	protected abstract T build(B fields);

	/**
	 * A field holding one nested message.
	 * @param <B> the holder type
	 * @param <E> the message type
	 * @param type the message type
	 * @param setter stores the message in the holder
	 * @return the field's reader
	 */
	protected static <B, E> FieldReader<B> message(Class<E> type, BiConsumer<B, E> setter) {
		NestedReader<E> nested = new NestedReader<>(type);
		return (parser, context, fields) -> setter.accept(fields, nested.read(parser, context));
	}

	/**
	 * A field holding a JSON array of nested messages.
	 * @param <B> the holder type
	 * @param <E> the message type
	 * @param type the message type
	 * @param setter stores the messages in the holder
	 * @return the field's reader
	 */
	protected static <B, E> FieldReader<B> messages(Class<E> type, BiConsumer<B, List<E>> setter) {
		NestedReader<E> nested = new NestedReader<>(type);
		return (parser, context, fields) -> {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				context.reportInputMismatch(type, "expected a JSON array, found %s", parser.currentToken());
			}
			List<E> items = new ArrayList<>();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				items.add(nested.read(parser, context));
			}
			setter.accept(fields, items);
		};
	}

	/**
	 * A field holding a JSON array of strings.
	 * @param <B> the holder type
	 * @param setter stores the strings in the holder
	 * @return the field's reader
	 */
	protected static <B> FieldReader<B> strings(BiConsumer<B, List<String>> setter) {
		return (parser, context, fields) -> {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				context.reportInputMismatch(String.class, "expected a JSON array, found %s", parser.currentToken());
			}
			List<String> items = new ArrayList<>();
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (token != JsonToken.VALUE_STRING) {
					context.reportInputMismatch(String.class, "expected a JSON string, found %s", token);
				}
				items.add(parser.getString());
			}
			setter.accept(fields, items);
		};
	}

	/**
	 * Read an int64, which the gateway writes as a string.
	 * @param parser the parser on the value
	 * @return the value
	 */
	protected static long int64(JsonParser parser) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		String text = parser.getString();
		try {
			return text.isEmpty() ? 0 : Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new tools.jackson.core.exc.StreamReadException(parser, "not an int64: '" + text + "'");
		}
	}

	/**
	 * Read a uint64 (cluster and member IDs use all 64 bits).
	 * @param parser the parser on the value
	 * @return the value's bits
	 */
	protected static long uint64(JsonParser parser) {
		String text = parser.getValueAsString();
		try {
			return (text == null || text.isEmpty()) ? 0 : Long.parseUnsignedLong(text);
		}
		catch (NumberFormatException ex) {
			throw new tools.jackson.core.exc.StreamReadException(parser, "not a uint64: '" + text + "'");
		}
	}

	/**
	 * Reads a nested message type with the deserializer Jackson resolved for it, looked
	 * up on first use. Asking the context for it by class on every message
	 * ({@code context.readValue(parser, type)}) also introspects the class's annotations
	 * for polymorphic typing each time: half of the whole read's CPU in our profiles.
	 * Each reader instance belongs to one mapper, so the cached deserializer is that
	 * mapper's.
	 */
	private static final class NestedReader<E> {

		private final Class<E> type;

		private volatile @Nullable ValueDeserializer<Object> deserializer;

		NestedReader(Class<E> type) {
			this.type = type;
		}

		@Nullable E read(JsonParser parser, DeserializationContext context) {
			ValueDeserializer<Object> reader = this.deserializer;
			if (reader == null) {
				reader = context.findRootValueDeserializer(context.constructType(this.type));
				this.deserializer = reader;
			}
			Object value = (parser.currentToken() == JsonToken.VALUE_NULL) ? reader.getNullValue(context)
					: reader.deserialize(parser, context);
			return this.type.cast(value);
		}

	}

	/**
	 * Reads one field's value into the holder.
	 *
	 * @param <B> the holder type
	 */
	@FunctionalInterface
	protected interface FieldReader<B> {

		/**
		 * Read the value the parser is on (never {@code null}).
		 * @param parser the parser
		 * @param context the context, to read nested messages
		 * @param fields the holder
		 */
		void read(JsonParser parser, DeserializationContext context, B fields);

	}

}
