package dev.etcdspring.client.internal.codec;

/**
 * A request message that writes its own JSON with a {@link GatewayJsonWriter}: the
 * operations every application sends most (get, put, delete, transactions) skip Jackson's
 * bean serializer, whose per-call set-up cost more than writing their few fields
 * (BENCHMARKS.md). {@link KvRequests} and {@link GatewayRequests} create them from the
 * public request types.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface GatewayRequest {

	/**
	 * Write the message's fields; the writer opens and closes its object.
	 * @param json the writer
	 */
	void writeTo(GatewayJsonWriter json);

}
