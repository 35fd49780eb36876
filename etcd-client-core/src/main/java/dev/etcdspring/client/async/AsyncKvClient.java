package dev.etcdspring.client.async;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.KvClient;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.Txn;

/**
 * {@link KvClient}'s operations as futures; each fails as the synchronous one throws (see
 * {@link dev.etcdspring.client.EtcdAsync} for errors and cancellation).
 *
 * @since 0.1.0
 */
public interface AsyncKvClient {

	/**
	 * Read one key, as {@link KvClient#get(byte[])}.
	 * @param key the key
	 * @return the key-value, or empty when the key does not exist
	 */
	CompletableFuture<Optional<KeyValue>> get(byte[] key);

	/**
	 * Read a key, prefix or range, as {@link KvClient#range(RangeQuery)}.
	 * @param query what to read
	 * @return the answer
	 */
	CompletableFuture<RangeResponse> range(RangeQuery query);

	/**
	 * Put a value, as {@link KvClient#put(PutRequest)}.
	 * @param request the put
	 * @return the answer
	 */
	CompletableFuture<PutRequest.Response> put(PutRequest request);

	/**
	 * Delete a key, prefix or range, as {@link KvClient#delete(DeleteRequest)}.
	 * @param request the delete
	 * @return the answer
	 */
	CompletableFuture<DeleteRequest.Response> delete(DeleteRequest request);

	/**
	 * Run a transaction, as {@link KvClient#txn(Txn)}: a failed compare is a result
	 * ({@code succeeded() == false}), not a failure.
	 * @param txn the transaction
	 * @return the answer
	 */
	CompletableFuture<Txn.Response> txn(Txn txn);

	/**
	 * Apply many puts and deletes in bounded transactions, as
	 * {@link KvClient#bulk(BulkRequest)}.
	 * @param request the operations
	 * @return what was applied
	 */
	CompletableFuture<BulkRequest.Response> bulk(BulkRequest request);

	/**
	 * Discard the history before {@code revision}, as
	 * {@link KvClient#compact(long, boolean)}.
	 * @param revision the revision to keep history from
	 * @param physical whether to wait until the space is reclaimed
	 * @return completed once etcd compacted
	 */
	CompletableFuture<Void> compact(long revision, boolean physical);

}
