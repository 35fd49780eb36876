package dev.etcdspring.client.internal.async;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.async.AsyncKvClient;
import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.Txn;

/**
 * {@link AsyncKvClient}: each operation is the synchronous one, submitted to
 * {@link AsyncCalls}.
 *
 * @since 0.1.0
 */
public final class DefaultAsyncKvClient implements AsyncKvClient {

	private final AsyncCalls calls;

	private final KvClient kv;

	/**
	 * Create the asynchronous face of {@code kv}.
	 * @param calls runs the calls
	 * @param kv the synchronous API
	 */
	public DefaultAsyncKvClient(AsyncCalls calls, KvClient kv) {
		this.calls = calls;
		this.kv = kv;
	}

	@Override
	public CompletableFuture<Optional<KeyValue>> get(byte[] key) {
		return this.calls.submit(() -> this.kv.get(key));
	}

	@Override
	public CompletableFuture<RangeResponse> range(RangeQuery query) {
		return this.calls.submit(() -> this.kv.range(query));
	}

	@Override
	public CompletableFuture<PutRequest.Response> put(PutRequest request) {
		return this.calls.submit(() -> this.kv.put(request));
	}

	@Override
	public CompletableFuture<DeleteRequest.Response> delete(DeleteRequest request) {
		return this.calls.submit(() -> this.kv.delete(request));
	}

	@Override
	public CompletableFuture<Txn.Response> txn(Txn txn) {
		return this.calls.submit(() -> this.kv.txn(txn));
	}

	@Override
	public CompletableFuture<BulkRequest.Response> bulk(BulkRequest request) {
		return this.calls.submit(() -> this.kv.bulk(request));
	}

	@Override
	public CompletableFuture<Void> compact(long revision, boolean physical) {
		return this.calls.run(() -> this.kv.compact(revision, physical));
	}

}
