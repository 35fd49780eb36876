package dev.etcdspring.client.internal.kv;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.etcdspring.client.internal.codec.KvRequests;
import dev.etcdspring.client.internal.transport.ExchangeCancellation;
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

	private final @Nullable Coalescer linearizableReads;

	private final @Nullable Coalescer serializableReads;

	private final @Nullable Coalescer writes;

	/**
	 * Create a client whose bulk writes run on the calling thread alone and whose
	 * requests each go alone.
	 * @param transport the transport
	 */
	public DefaultKvClient(GatewayTransport transport) {
		this(transport, null, CoalescingSettings.OFF);
	}

	/**
	 * Create a client.
	 * @param transport the transport
	 * @param bulkExecutor runs the transactions of a bulk write beyond the one the
	 * calling thread sends; {@code null} to send them all from the calling thread
	 * @param coalescing which concurrent requests share round trips
	 */
	public DefaultKvClient(GatewayTransport transport, @Nullable Executor bulkExecutor, CoalescingSettings coalescing) {
		this.transport = transport;
		// a bulk write's transactions are full already: they go as they are
		this.bulkWriter = new BulkWriter(this::txnAlone, bulkExecutor);
		this.linearizableReads = coalescing.reads()
				? coalescer("linearizable-reads", coalescing, (ranges) -> readBatch(ranges, RequestKind.READ)) : null;
		// a transaction of serializable ranges is served serializably, by any member
		this.serializableReads = coalescing.reads() ? coalescer("serializable-reads", coalescing,
				(ranges) -> readBatch(ranges, RequestKind.SERIALIZABLE_READ)) : null;
		this.writes = coalescing.writes()
				? coalescer("writes", coalescing, (batch) -> ExchangeCancellation.shielded(() -> txnAlone(batch)))
				: null;
	}

	private static Coalescer coalescer(String lane, CoalescingSettings settings, Function<Txn, Txn.Response> send) {
		return new Coalescer(lane, settings.maxInFlight(), CoalescingSettings.MAX_BATCH_BYTES, send,
				settings.metrics());
	}

	@Override
	public Optional<KeyValue> get(byte[] key) {
		RangeResponse response = range(RangeQuery.key(key));
		return response.kvs().isEmpty() ? Optional.empty() : Optional.of(response.kvs().get(0));
	}

	@Override
	public RangeResponse range(RangeQuery query) {
		Coalescer lane = query.isSerializable() ? this.serializableReads : this.linearizableReads;
		if (lane == null) {
			return rangeAlone(query);
		}
		return lane.call(CoalescedCalls.range(query, () -> rangeAlone(query)));
	}

	private RangeResponse rangeAlone(RangeQuery query) {
		return this.transport.call("kv/range", KvRequests.range(query), RangeResponse.class,
				query.isSerializable() ? RequestKind.SERIALIZABLE_READ : RequestKind.READ);
	}

	/**
	 * Combined ranges write nothing: like a single range, they are safe to send again. A
	 * batch carries other callers' requests: the sending caller's own cancellation must
	 * not end it (nor a write batch, below).
	 */
	private Txn.Response readBatch(Txn ranges, RequestKind kind) {
		return ExchangeCancellation
			.shielded(() -> this.transport.call("kv/txn", KvRequests.txn(ranges), Txn.Response.class, kind));
	}

	@Override
	public PutRequest.Response put(PutRequest request) {
		if (this.writes == null) {
			return putAlone(request);
		}
		return this.writes.call(CoalescedCalls.put(request, () -> putAlone(request)));
	}

	private PutRequest.Response putAlone(PutRequest request) {
		return this.transport.call("kv/put", KvRequests.put(request), PutRequest.Response.class, RequestKind.WRITE);
	}

	@Override
	public DeleteRequest.Response delete(DeleteRequest request) {
		if (this.writes == null) {
			return deleteAlone(request);
		}
		return this.writes.call(CoalescedCalls.delete(request, () -> deleteAlone(request)));
	}

	private DeleteRequest.Response deleteAlone(DeleteRequest request) {
		return this.transport.call("kv/deleterange", KvRequests.delete(request), DeleteRequest.Response.class,
				RequestKind.WRITE);
	}

	@Override
	public Txn.Response txn(Txn txn) {
		if (this.writes == null) {
			return txnAlone(txn);
		}
		return this.writes.call(CoalescedCalls.txn(txn, () -> txnAlone(txn)));
	}

	private Txn.Response txnAlone(Txn txn) {
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
