package dev.etcdspring.client.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

import static java.net.HttpURLConnection.HTTP_NOT_MODIFIED;
import static java.net.HttpURLConnection.HTTP_NO_CONTENT;
import static java.net.HttpURLConnection.HTTP_OK;

/**
 * The head of an answer, and how it is read: a status line and headers, parsed in place
 * in the connection's {@link AnswerBuffer}. Only what etcd's gateway (Go's
 * {@code net/http}) sends is understood; framing that RFC 9112 calls faulty is refused
 * rather than guessed at, and heads, lines and interim answers are limited.
 *
 * @param status the HTTP status
 * @param contentLength the body's length, or -1 when chunked or up to the end
 * @param chunked whether the body is chunked
 * @param close whether the member closes the connection after this answer
 */
record ResponseHead(int status, long contentLength, boolean chunked, boolean close) {

	/** Go's server sends a handful of short header lines; more is not a gateway. */
	private static final int MAX_HEADER_LINES = 100;

	/**
	 * The most bytes of one head (status line and header lines): a gateway's head is a
	 * few hundred bytes, so this is far beyond any and still bounds a member that sends
	 * header lines without end.
	 */
	private static final int MAX_HEAD_BYTES = 64 * 1024;

	/**
	 * Interim (1xx) answers skipped before the final one: the gateway sends none (no
	 * request asks for {@code 100 Continue}), so this only bounds a member that sends
	 * them without end.
	 */
	private static final int MAX_INTERIM_ANSWERS = 10;

	/** Every status line accepted starts so; the minor version digit follows. */
	private static final String HTTP_1 = "HTTP/1.";

	/** Where the minor version digit of a status line stands: after "HTTP/1.". */
	private static final int MINOR_VERSION_AT = HTTP_1.length();

	/** Where the space after the version stands: after "HTTP/1.1". */
	private static final int VERSION_END = "HTTP/1.1".length();

	/** Where the status code starts: after "HTTP/1.1 ". */
	private static final int STATUS_AT = "HTTP/1.1 ".length();

	/**
	 * Where the status code ends: the length of the shortest status line, and where the
	 * space before a reason phrase stands.
	 */
	private static final int STATUS_END = "HTTP/1.1 200".length();

	/** The smallest status code: they have three digits, 100 to 599 (RFC 9110 15). */
	private static final int MIN_STATUS = 100;

	/** The largest status code (RFC 9110 15). */
	private static final int MAX_STATUS = 599;

	/** The interim answer that switches protocols: never asked for here. */
	private static final int SWITCHING_PROTOCOLS = 101;

	/**
	 * Content-Length digits accepted: 18 decimal digits always fit a {@code long} (its
	 * largest value has 19), so the value cannot overflow.
	 */
	private static final int MAX_LENGTH_DIGITS = 18;

	/** Characters below this are ASCII, which every token character is. */
	private static final int ASCII = 128;

	/**
	 * Characters of a token (RFC 9110 5.6.2): header names, transfer codings; all ASCII.
	 */
	private static final boolean[] TOKEN = new boolean[ASCII];

	static {
		for (char c = '0'; c <= '9'; c++) {
			TOKEN[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TOKEN[c] = true;
			TOKEN[Character.toUpperCase(c)] = true;
		}
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TOKEN[c] = true;
		}
	}

	/** Whether the answer's end is known without the connection's end. */
	boolean keepAlive() {
		return !this.close && (this.chunked || this.contentLength >= 0);
	}

	/**
	 * Read the head of the answer: the status line and headers, after skipping interim
	 * (1xx) answers.
	 * @return the answer's head
	 * @throws IOException if the connection fails or the head is not valid HTTP/1.x
	 */
	static ResponseHead read(AnswerBuffer answer) throws IOException {
		for (int interim = 0;; interim++) {
			ResponseHead head = readOne(answer);
			if (head.status() >= HTTP_OK) {
				return head;
			}
			if (head.status() == SWITCHING_PROTOCOLS) {
				throw new IOException("answer switches protocols (101) though no upgrade was asked for");
			}
			if (interim == MAX_INTERIM_ANSWERS) {
				throw new IOException("more than " + MAX_INTERIM_ANSWERS + " interim (1xx) answers");
			}
		}
	}

	private static ResponseHead readOne(AnswerBuffer answer) throws IOException {
		if (!answer.hasUnread() && answer.fill() < 0) {
			throw new EOFException(HttpConnection.NO_ANSWER);
		}
		int end = answer.lineEnd();
		int start = answer.position();
		int length = answer.trimmedLength(start, end);
		int minorVersion = start + MINOR_VERSION_AT;
		if (length < STATUS_END || !answer.startsWith(start, HTTP_1)
				|| (answer.get(minorVersion) != '0' && answer.get(minorVersion) != '1')
				|| answer.get(start + VERSION_END) != ' '
				|| (length > STATUS_END && answer.get(start + STATUS_END) != ' ')) {
			throw new IOException("not an HTTP/1.x answer: " + answer.excerpt(start, length));
		}
		boolean http10 = answer.get(minorVersion) == '0';
		int status = parseStatus(answer, start + STATUS_AT);
		int headBytes = end + 1 - start;
		answer.position(end + 1);
		long contentLength = -1;
		boolean transferEncoding = false;
		boolean close = http10;
		for (int lines = 0;; lines++) {
			end = answer.lineEnd();
			start = answer.position();
			length = answer.trimmedLength(start, end);
			headBytes += end + 1 - start;
			answer.position(end + 1);
			if (length == 0) {
				break;
			}
			if (lines == MAX_HEADER_LINES || headBytes > MAX_HEAD_BYTES) {
				throw new IOException("answer has more than " + MAX_HEADER_LINES + " header lines or " + MAX_HEAD_BYTES
						+ " bytes of head");
			}
			int colon = headerNameEnd(answer, start, length);
			if (isHeader(answer, start, colon, "content-length")) {
				long value = parseContentLength(answer, colon + 1, start + length);
				if (contentLength >= 0 && value != contentLength) {
					throw new IOException(
							"answer has conflicting Content-Length values: " + contentLength + " and " + value);
				}
				contentLength = value;
			}
			else if (isHeader(answer, start, colon, "transfer-encoding")) {
				if (transferEncoding) {
					// a second line adds codings to the first: chunked twice at best
					throw new IOException("answer has more than one Transfer-Encoding header: "
							+ "no transfer coding but chunked, once, is understood");
				}
				checkChunked(value(answer, colon, start + length));
				transferEncoding = true;
			}
			else if (isHeader(answer, start, colon, "connection")) {
				String value = value(answer, colon, start + length).toLowerCase(Locale.ROOT);
				if (hasToken(value, "close")) {
					close = true;
				}
				else if (http10 && hasToken(value, "keep-alive")) {
					close = false;
				}
			}
		}
		if (transferEncoding && contentLength >= 0) {
			// RFC 9112 6.3: a message with both may be an attempt at request smuggling
			throw new IOException("answer has both Transfer-Encoding and Content-Length: its framing is ambiguous");
		}
		if (transferEncoding && http10) {
			throw new IOException("HTTP/1.0 answer has a Transfer-Encoding: its framing is faulty");
		}
		if (status < HTTP_OK || status == HTTP_NO_CONTENT || status == HTTP_NOT_MODIFIED) {
			// RFC 9112 6.3: these end at the empty line, whatever their headers say
			return new ResponseHead(status, 0, false, close);
		}
		return new ResponseHead(status, transferEncoding ? -1 : contentLength, transferEncoding, close);
	}

	/**
	 * Return the index of the colon that ends the header line's name, checking that the
	 * name is a token (no whitespace before the colon, no folded continuation line).
	 */
	private static int headerNameEnd(AnswerBuffer answer, int start, int length) throws IOException {
		int end = start + length;
		for (int i = start; i < end; i++) {
			int c = answer.get(i) & 0xff;
			if (c == ':' && i > start) {
				return i;
			}
			if (c >= ASCII || !TOKEN[c]) {
				break;
			}
		}
		throw new IOException("answer has an invalid header line: " + answer.excerpt(start, length));
	}

	/** Whether the header line at {@code start} has the (lower-case) {@code name}. */
	private static boolean isHeader(AnswerBuffer answer, int start, int colon, String name) {
		if (colon - start != name.length()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if ((answer.get(start + i) | 0x20) != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parse a Content-Length value: digits, or a list of the same digits (RFC 9110 8.6
	 * lets a recipient accept {@code 42, 42}); anything else is an error.
	 */
	private static long parseContentLength(AnswerBuffer answer, int from, int to) throws IOException {
		long length = -1;
		int i = from;
		while (true) {
			while (i < to && AnswerBuffer.isWhitespace(answer.get(i))) {
				i++;
			}
			long value = 0;
			int digits = 0;
			while (i < to && answer.get(i) >= '0' && answer.get(i) <= '9') {
				value = value * 10 + (answer.get(i) - '0');
				i++;
				if (++digits > MAX_LENGTH_DIGITS) {
					throw invalidContentLength(answer, from, to);
				}
			}
			while (i < to && AnswerBuffer.isWhitespace(answer.get(i))) {
				i++;
			}
			if (digits == 0 || (i < to && answer.get(i) != ',')) {
				throw invalidContentLength(answer, from, to);
			}
			if (length >= 0 && value != length) {
				throw new IOException("answer has conflicting Content-Length values: " + length + " and " + value);
			}
			length = value;
			if (i == to) {
				return length;
			}
			i++; // the comma
		}
	}

	private static IOException invalidContentLength(AnswerBuffer answer, int from, int to) {
		return new IOException("answer has an invalid Content-Length: " + answer.excerpt(from, to - from).strip());
	}

	/**
	 * Accept only {@code chunked} as the transfer coding: it must be the final one, and
	 * any other (gzip, or an unknown one) cannot be decoded here.
	 */
	private static void checkChunked(String value) throws IOException {
		int chunked = 0;
		for (String element : value.split(",", -1)) {
			String coding = element.strip();
			if (coding.isEmpty()) {
				continue; // RFC 9110 5.6.1: empty list elements are ignored
			}
			if (!coding.equalsIgnoreCase("chunked") || ++chunked > 1) {
				throw new IOException("answer has a transfer coding that is not understood: " + abbreviate(value)
						+ " (only chunked, once, is)");
			}
		}
		if (chunked == 0) {
			throw new IOException("answer has an empty Transfer-Encoding");
		}
	}

	private static boolean hasToken(String list, String token) {
		for (String element : list.split(",")) {
			if (element.strip().equals(token)) {
				return true;
			}
		}
		return false;
	}

	private static String abbreviate(String text) {
		return (text.length() > AnswerBuffer.EXCERPT_CHARS) ? text.substring(0, AnswerBuffer.EXCERPT_CHARS) + "..."
				: text;
	}

	private static int parseStatus(AnswerBuffer answer, int start) throws IOException {
		int status = 0;
		for (int i = start; i < start + STATUS_END - STATUS_AT; i++) {
			int digit = answer.get(i) - '0';
			if (digit < 0 || digit > 9) {
				throw new IOException("answer has no valid status code");
			}
			status = status * 10 + digit;
		}
		if (status < MIN_STATUS || status > MAX_STATUS) {
			throw new IOException("answer has an invalid status code: " + status);
		}
		return status;
	}

	private static String value(AnswerBuffer answer, int colon, int end) {
		return answer.text(colon + 1, end - colon - 1).strip();
	}

}
