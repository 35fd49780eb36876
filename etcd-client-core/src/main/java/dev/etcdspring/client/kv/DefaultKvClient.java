package dev.etcdspring.client.kv;

import java.util.Map;
import java.util.Optional;

import dev.etcdspring.client.transport.GatewayTransport;
import dev.etcdspring.client.transport.RequestKind;

/**
 * {@link KvClient} over the gateway's {@code /v3/kv/*} endpoints.
 *
 * @since 0.1.0
 */
public final class DefaultKvClient implements KvClient {

	private final GatewayTransport transport;

	public DefaultKvClient(GatewayTransport transport) {
		this.transport = transport;
	}

	@Override
	public Optional<KeyValue> get(byte[] key) {
		RangeResponse response = range(RangeQuery.key(key));
		return response.kvs().isEmpty() ? Optional.empty() : Optional.of(response.kvs().get(0));
	}

	@Override
	public RangeResponse range(RangeQuery query) {
		return this.transport.call("kv/range", query.toJson(), RangeResponse.class, RequestKind.READ);
	}

	@Override
	public PutRequest.Response put(PutRequest request) {
		return this.transport.call("kv/put", request.toJson(), PutRequest.Response.class, RequestKind.WRITE);
	}

	@Override
	public DeleteRequest.Response delete(DeleteRequest request) {
		return this.transport.call("kv/deleterange", request.toJson(), DeleteRequest.Response.class, RequestKind.WRITE);
	}

	@Override
	public Txn.Response txn(Txn txn) {
		return this.transport.call("kv/txn", txn.toJson(), Txn.Response.class, RequestKind.WRITE);
	}

	@Override
	public void compact(long revision, boolean physical) {
		this.transport.call("kv/compaction", Map.of("revision", revision, "physical", physical), Map.class,
				RequestKind.WRITE);
	}

}
