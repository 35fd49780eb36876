package dev.etcdspring.client.kv;

import java.util.Optional;

/**
 * etcd's key-value API on raw bytes. Most applications use
 * {@link dev.etcdspring.client.template.EtcdTemplate} instead.
 *
 * @since 0.1.0
 */
public interface KvClient {

	/**
	 * Read one key.
	 * @param key the key
	 * @return the key-value, or empty when the key does not exist
	 */
	Optional<KeyValue> get(byte[] key);

	/**
	 * Read a key, prefix or range.
	 * @param query what to read
	 * @return the answer (one page when a limit is set)
	 */
	RangeResponse range(RangeQuery query);

	/**
	 * Put a value.
	 * @param request the put
	 * @return the answer, with the previous key-value when asked for
	 */
	PutRequest.Response put(PutRequest request);

	/**
	 * Delete a key, prefix or range.
	 * @param request the delete
	 * @return the answer
	 */
	DeleteRequest.Response delete(DeleteRequest request);

	/**
	 * Run a transaction.
	 * @param txn the transaction
	 * @return the answer
	 */
	Txn.Response txn(Txn txn);

	/**
	 * Apply many puts and deletes of single keys in transactions of bounded size, several
	 * at a time. Each transaction is atomic, the bulk is not: see {@link BulkRequest}.
	 * @param request the operations and how to cut them into transactions
	 * @return how many operations and transactions were applied, up to which revision
	 * @throws dev.etcdspring.client.exception.EtcdBulkException when a transaction
	 * failed: it says which operations were applied and lists the keys of the others
	 */
	BulkRequest.Response bulk(BulkRequest request);

	/**
	 * Discard the history before {@code revision}. Watches and reads at older revisions
	 * then fail with {@link dev.etcdspring.client.exception.EtcdCompactedException}.
	 * @param revision the revision to keep history from
	 * @param physical whether to wait until the space is reclaimed
	 */
	void compact(long revision, boolean physical);

}
