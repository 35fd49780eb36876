package dev.etcdspring.client.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the JSON of a {@link GatewayRequest} straight into a byte array, in the
 * gateway's mapping: bytes as standard base64, int64 as numbers, enums by name. Every
 * request is written this way ({@link KvRequests}, {@link GatewayRequests}): Jackson's
 * bean serializer cost more per call than writing the few fields (BENCHMARKS.md).
 * <p>
 * Field names are the protocol's own constants (ASCII, nothing to escape); string values
 * are escaped. Not thread-safe: one writer per message.
 *
 * @since 0.1.0
 */
public final class GatewayJsonWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		.getBytes(StandardCharsets.US_ASCII);

	private byte[] bytes = new byte[256];

	private int size;

	/** Whether the next name or value needs a comma before it. */
	private boolean afterValue;

	GatewayJsonWriter() {
	}

	/**
	 * Write a message as JSON.
	 * @param request the message
	 * @return its JSON
	 */
	static byte[] write(GatewayRequest request) {
		GatewayJsonWriter json = new GatewayJsonWriter().beginObject();
		request.writeTo(json);
		return json.endObject().toByteArray();
	}

	/**
	 * Start an object: the message itself, or an element of an array.
	 * @return this writer
	 */
	public GatewayJsonWriter beginObject() {
		separate();
		append('{');
		this.afterValue = false;
		return this;
	}

	/**
	 * Start an object-valued field.
	 * @param name the field's name
	 * @return this writer
	 */
	public GatewayJsonWriter beginObject(String name) {
		name(name);
		append('{');
		this.afterValue = false;
		return this;
	}

	/**
	 * End the innermost object.
	 * @return this writer
	 */
	public GatewayJsonWriter endObject() {
		append('}');
		this.afterValue = true;
		return this;
	}

	/**
	 * Start an array-valued field.
	 * @param name the field's name
	 * @return this writer
	 */
	public GatewayJsonWriter beginArray(String name) {
		name(name);
		append('[');
		this.afterValue = false;
		return this;
	}

	/**
	 * End the innermost array.
	 * @return this writer
	 */
	public GatewayJsonWriter endArray() {
		append(']');
		this.afterValue = true;
		return this;
	}

	/**
	 * Write a bytes field, as base64.
	 * @param name the field's name
	 * @param value the bytes
	 * @return this writer
	 */
	public GatewayJsonWriter field(String name, byte[] value) {
		name(name);
		ensure(4 * ((value.length + 2) / 3) + 2);
		this.bytes[this.size++] = '"';
		this.size = base64(value, this.bytes, this.size);
		this.bytes[this.size++] = '"';
		this.afterValue = true;
		return this;
	}

	/**
	 * Write an integer field.
	 * @param name the field's name
	 * @param value the number
	 * @return this writer
	 */
	public GatewayJsonWriter field(String name, long value) {
		name(name);
		appendAscii(Long.toString(value));
		this.afterValue = true;
		return this;
	}

	/**
	 * Write a boolean field.
	 * @param name the field's name
	 * @param value the value
	 * @return this writer
	 */
	public GatewayJsonWriter field(String name, boolean value) {
		name(name);
		appendAscii(value ? "true" : "false");
		this.afterValue = true;
		return this;
	}

	/**
	 * Write a string field (an enum's name, a user name).
	 * @param name the field's name
	 * @param value the string
	 * @return this writer
	 */
	public GatewayJsonWriter field(String name, String value) {
		name(name);
		string(value);
		this.afterValue = true;
		return this;
	}

	/**
	 * Write a string element of an array.
	 * @param value the string
	 * @return this writer
	 */
	public GatewayJsonWriter value(String value) {
		separate();
		string(value);
		this.afterValue = true;
		return this;
	}

	private void string(String value) {
		append('"');
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		ensure(utf8.length);
		for (byte b : utf8) {
			if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
				ensure(6);
				this.bytes[this.size++] = '\\';
				this.bytes[this.size++] = 'u';
				this.bytes[this.size++] = '0';
				this.bytes[this.size++] = '0';
				this.bytes[this.size++] = HEX[b >> 4];
				this.bytes[this.size++] = HEX[b & 0xf];
			}
			else {
				append(b);
			}
		}
		append('"');
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	private void name(String name) {
		separate();
		append('"');
		appendAscii(name);
		append('"');
		append(':');
	}

	private void separate() {
		if (this.afterValue) {
			append(',');
		}
	}

	private void appendAscii(String text) {
		int length = text.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			this.bytes[this.size++] = (byte) text.charAt(i);
		}
	}

	/**
	 * Standard base64 with padding (what {@code java.util.Base64} writes, but into our
	 * buffer at an offset, without an intermediate array).
	 */
	private static int base64(byte[] source, byte[] target, int offset) {
		int at = offset;
		int whole = source.length - source.length % 3;
		for (int i = 0; i < whole; i += 3) {
			int bits = (source[i] & 0xff) << 16 | (source[i + 1] & 0xff) << 8 | (source[i + 2] & 0xff);
			target[at++] = BASE64[bits >>> 18];
			target[at++] = BASE64[(bits >>> 12) & 0x3f];
			target[at++] = BASE64[(bits >>> 6) & 0x3f];
			target[at++] = BASE64[bits & 0x3f];
		}
		int rest = source.length - whole;
		if (rest > 0) {
			int bits = (source[whole] & 0xff) << 16 | ((rest == 2) ? (source[whole + 1] & 0xff) << 8 : 0);
			target[at++] = BASE64[bits >>> 18];
			target[at++] = BASE64[(bits >>> 12) & 0x3f];
			target[at++] = (rest == 2) ? BASE64[(bits >>> 6) & 0x3f] : (byte) '=';
			target[at++] = '=';
		}
		return at;
	}

	private void append(int b) {
		ensure(1);
		this.bytes[this.size++] = (byte) b;
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
		}
	}

}
