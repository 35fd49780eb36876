package dev.etcdspring.client.template;

import java.util.Map;

import dev.etcdspring.client.exception.EtcdBulkException;
import dev.etcdspring.client.kv.BulkRequest;

import org.springframework.util.Assert;

/**
 * Many puts and deletes, from {@link EtcdTemplate#bulk()}, applied in transactions of
 * bounded size, several at a time:
 * {@code bulk().put("/a", a).put("/b", b).delete("/c").execute()}. Keys get the
 * template's namespace and values its serializer, as with {@link EtcdTemplate#put}.
 * <p>
 * Each transaction is atomic, the bulk is not. When a transaction fails, no further one
 * is sent and {@link #execute()} throws an {@link EtcdBulkException} that says how many
 * operations were applied and lists the keys (without the namespace) of the others. A key
 * may appear only once per bulk. See {@link BulkRequest} for the details.
 *
 * @since 0.1.0
 */
public final class EtcdBulkSpec {

	private final EtcdTemplate template;

	private BulkRequest request = BulkRequest.create();

	EtcdBulkSpec(EtcdTemplate template) {
		this.template = template;
	}

	/**
	 * Put a value.
	 * @param key the key
	 * @param value the value (String, byte[], or any type the serializer writes)
	 * @return this spec
	 * @throws IllegalArgumentException when the key is empty or already in this bulk
	 */
	public EtcdBulkSpec put(String key, Object value) {
		this.request = this.request.put(this.template.namespace().key(key), this.template.encode(value));
		return this;
	}

	/**
	 * Put a binary value at a binary key.
	 * @param key the key
	 * @param value the value
	 * @return this spec
	 */
	public EtcdBulkSpec put(byte[] key, byte[] value) {
		this.request = this.request.put(this.template.namespace().key(key), value);
		return this;
	}

	/**
	 * Put every entry, in the map's iteration order.
	 * @param entries the keys and values
	 * @return this spec
	 */
	public EtcdBulkSpec putAll(Map<String, ?> entries) {
		Assert.notNull(entries, "Entries must not be null");
		entries.forEach(this::put);
		return this;
	}

	/**
	 * Delete a key.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdBulkSpec delete(String key) {
		this.request = this.request.delete(this.template.namespace().key(key));
		return this;
	}

	/**
	 * Delete a binary key.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdBulkSpec delete(byte[] key) {
		this.request = this.request.delete(this.template.namespace().key(key));
		return this;
	}

	/**
	 * Set the most operations per transaction ({@code Txn.DEFAULT_MAX_OPS}, 128, by
	 * default); etcd refuses more than its {@code --max-txn-ops}.
	 * @param opsPerTxn the number of operations
	 * @return this spec
	 */
	public EtcdBulkSpec opsPerTxn(int opsPerTxn) {
		this.request = this.request.opsPerTxn(opsPerTxn);
		return this;
	}

	/**
	 * Set the most bytes of keys and values per transaction
	 * ({@link BulkRequest#DEFAULT_BYTES_PER_TXN} by default), to stay under etcd's
	 * {@code --max-request-bytes}.
	 * @param bytesPerTxn the number of bytes
	 * @return this spec
	 */
	public EtcdBulkSpec bytesPerTxn(long bytesPerTxn) {
		this.request = this.request.bytesPerTxn(bytesPerTxn);
		return this;
	}

	/**
	 * Set how many transactions may be in flight at once
	 * ({@link BulkRequest#DEFAULT_PARALLELISM} by default); 1 sends them one after the
	 * other, in order.
	 * @param parallelism the number of transactions
	 * @return this spec
	 */
	public EtcdBulkSpec parallelism(int parallelism) {
		this.request = this.request.parallelism(parallelism);
		return this;
	}

	/**
	 * Apply the operations.
	 * @return how many operations and transactions were applied, up to which revision
	 * @throws EtcdBulkException when a transaction failed
	 */
	public EtcdBulkResult execute() {
		try {
			BulkRequest.Response response = this.template.getClient().kv().bulk(this.request);
			return new EtcdBulkResult(response.ops(), response.transactions(), response.revision());
		}
		catch (EtcdBulkException ex) {
			throw withoutNamespace(ex);
		}
	}

	private EtcdBulkException withoutNamespace(EtcdBulkException ex) {
		Namespace namespace = this.template.namespace();
		if (namespace == Namespace.NONE) {
			return ex;
		}
		EtcdBulkException stripped = new EtcdBulkException(String.valueOf(ex.getMessage()), ex.getTotalOps(),
				ex.getAppliedOps(), ex.getFailedTransactions(), ex.getUnknownTransactions(),
				ex.getUnappliedKeys().stream().map(namespace::strip).toList(), ex.getCause());
		for (Throwable suppressed : ex.getSuppressed()) {
			stripped.addSuppressed(suppressed);
		}
		return stripped;
	}

}
