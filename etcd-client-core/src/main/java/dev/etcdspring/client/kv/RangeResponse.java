package dev.etcdspring.client.kv;

import java.util.List;

/**
 * The answer to a range read.
 *
 * @param header the answer's header; its revision is the one the read saw
 * @param kvs the keys read (empty for a miss or a count-only read)
 * @param more whether more keys matched than the limit allowed
 * @param count how many keys matched in all
 * @since 0.1.0
 */
public record RangeResponse(ResponseHeader header, List<KeyValue> kvs, boolean more, long count) {

	public RangeResponse {
		header = (header != null) ? header : ResponseHeader.EMPTY;
		kvs = (kvs != null) ? kvs : List.of();
	}

}
