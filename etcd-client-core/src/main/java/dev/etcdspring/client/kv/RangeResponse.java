package dev.etcdspring.client.kv;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The answer to a range read.
 *
 * @param header the answer's header; its revision is the one the read saw
 * @param kvs the keys read (empty for a miss or a count-only read)
 * @param more whether more keys matched than the limit allowed
 * @param count how many keys matched in all
 * @since 0.1.0
 */
@JsonDeserialize(using = RangeResponseReader.class)
public record RangeResponse(@JsonProperty("header") ResponseHeader header, @JsonProperty("kvs") List<KeyValue> kvs,
		@JsonProperty("more") boolean more, @JsonProperty("count") long count) {

	public RangeResponse {
		header = (header != null) ? header : ResponseHeader.EMPTY;
		kvs = (kvs != null) ? kvs : List.of();
	}

}
