package dev.etcdspring.client.internal.kv;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.etcdspring.client.internal.codec.KvRequests;
import dev.etcdspring.client.internal.transport.GatewayTransport;
import dev.etcdspring.client.internal.transport.RequestKind;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.Txn;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link KvClient} over the gateway's {@code /v3/kv/*} endpoints.
 *
 * @since 0.1.0
 */
public final class DefaultKvClient implements KvClient {

	private final GatewayTransport transport;

	private final BulkWriter bulkWriter;

	/**
	 * Create a client whose bulk writes run on the calling thread alone.
	 * @param transport the transport
	 */
	public DefaultKvClient(GatewayTransport transport) {
		this(transport, null);
	}

	/**
	 * Create a client.
	 * @param transport the transport
	 * @param bulkExecutor runs the transactions of a bulk write beyond the one the
	 * calling thread sends; {@code null} to send them all from the calling thread
	 */
	public DefaultKvClient(GatewayTransport transport, @Nullable Executor bulkExecutor) {
		this.transport = transport;
		this.bulkWriter = new BulkWriter(this, bulkExecutor);
	}

	@Override
	public Optional<KeyValue> get(byte[] key) {
		RangeResponse response = range(RangeQuery.key(key));
		return response.kvs().isEmpty() ? Optional.empty() : Optional.of(response.kvs().get(0));
	}

	@Override
	public RangeResponse range(RangeQuery query) {
		return this.transport.call("kv/range", KvRequests.range(query), RangeResponse.class,
				query.isSerializable() ? RequestKind.SERIALIZABLE_READ : RequestKind.READ);
	}

	@Override
	public PutRequest.Response put(PutRequest request) {
		return this.transport.call("kv/put", KvRequests.put(request), PutRequest.Response.class, RequestKind.WRITE);
	}

	@Override
	public DeleteRequest.Response delete(DeleteRequest request) {
		return this.transport.call("kv/deleterange", KvRequests.delete(request), DeleteRequest.Response.class,
				RequestKind.WRITE);
	}

	@Override
	public Txn.Response txn(Txn txn) {
		return this.transport.call("kv/txn", KvRequests.txn(txn), Txn.Response.class, RequestKind.WRITE);
	}

	@Override
	public BulkRequest.Response bulk(BulkRequest request) {
		Assert.notNull(request, "BulkRequest must not be null");
		return this.bulkWriter.write(request);
	}

	@Override
	public void compact(long revision, boolean physical) {
		this.transport.call("kv/compaction", KvRequests.compaction(revision, physical), Map.class, RequestKind.WRITE);
	}

}
