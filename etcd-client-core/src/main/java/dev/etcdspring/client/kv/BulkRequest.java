package dev.etcdspring.client.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Many puts and deletes of single keys, for loads and config imports:
 * {@code kv.bulk(BulkRequest.create().put(k1, v1).put(k2, v2).delete(k3))}. The
 * operations are cut, in the order given, into unconditional transactions of at most
 * {@link #opsPerTxn(int) opsPerTxn} operations and {@link #bytesPerTxn(long) bytesPerTxn}
 * bytes, and up to {@link #parallelism(int) parallelism} transactions are in flight.
 * <p>
 * Each transaction is atomic; the bulk is not. After a failed transaction no further one
 * is sent, those in flight are awaited, and an
 * {@link dev.etcdspring.client.exception.EtcdBulkException} says which operations surely
 * were applied and lists the keys of the others.
 * <p>
 * A key may appear only once: etcd refuses a transaction that names a key twice, and of
 * two transactions in flight the later could be applied first. With parallelism 1 the
 * transactions run one after the other on the calling thread, so revisions follow the
 * order of the operations.
 * <p>
 * Immutable: each operation or setting returns a new request, so build it with
 * {@code request = request.put(key, value)} in a loop. Adding to the latest request of
 * such a chain takes constant time.
 *
 * @since 0.1.0
 */
public final class BulkRequest {

	/**
	 * Default for {@link #bytesPerTxn(long)}: two thirds of etcd's default
	 * {@code --max-request-bytes} (1.5 MiB), which leaves room for the encoding.
	 */
	public static final long DEFAULT_BYTES_PER_TXN = 1024 * 1024;

	/** Default for {@link #parallelism(int)}. */
	public static final int DEFAULT_PARALLELISM = 4;

	/** The operations of this request: the first {@link #size} of the shared log. */
	private final OpLog log;

	private final int size;

	private final int opsPerTxn;

	private final long bytesPerTxn;

	private final int parallelism;

	private BulkRequest(OpLog log, int size, int opsPerTxn, long bytesPerTxn, int parallelism) {
		this.log = log;
		this.size = size;
		this.opsPerTxn = opsPerTxn;
		this.bytesPerTxn = bytesPerTxn;
		this.parallelism = parallelism;
	}

	/**
	 * Start an empty bulk.
	 * @return the request
	 */
	public static BulkRequest create() {
		return new BulkRequest(new OpLog(), 0, Txn.DEFAULT_MAX_OPS, DEFAULT_BYTES_PER_TXN, DEFAULT_PARALLELISM);
	}

	/**
	 * Put {@code value} at {@code key}.
	 * @param key the key
	 * @param value the value
	 * @return a request with the operations of this one and the put
	 * @throws IllegalArgumentException when the key is empty or already in this bulk
	 */
	public BulkRequest put(byte[] key, byte[] value) {
		return put(PutRequest.of(key, value));
	}

	/**
	 * Put, with the request's options (a lease, say).
	 * @param put the put
	 * @return a request with the operations of this one and the put
	 * @throws IllegalArgumentException when the key is already in this bulk
	 */
	public BulkRequest put(PutRequest put) {
		Assert.notNull(put, "PutRequest must not be null");
		return add(put.getKey(), TxnOp.put(put));
	}

	/**
	 * Delete one key.
	 * @param key the key
	 * @return a request with the operations of this one and the delete
	 * @throws IllegalArgumentException when the key is empty or already in this bulk
	 */
	public BulkRequest delete(byte[] key) {
		return add(Keys.require(key), TxnOp.delete(DeleteRequest.key(key)));
	}

	private BulkRequest add(byte[] key, TxnOp op) {
		OpLog grown = this.log.append(this.size, key, op);
		return new BulkRequest(grown, this.size + 1, this.opsPerTxn, this.bytesPerTxn, this.parallelism);
	}

	/**
	 * Set the most operations per transaction; etcd refuses more than its
	 * {@code --max-txn-ops} ({@value Txn#DEFAULT_MAX_OPS} by default).
	 * @param opsPerTxn the number of operations
	 * @return a request like this one, with the setting
	 */
	public BulkRequest opsPerTxn(int opsPerTxn) {
		Assert.isTrue(opsPerTxn > 0, "opsPerTxn must be positive");
		return new BulkRequest(this.log, this.size, opsPerTxn, this.bytesPerTxn, this.parallelism);
	}

	/**
	 * Set the most bytes of keys and values per transaction, which is what etcd's
	 * {@code --max-request-bytes} limits (on the JSON gateway values travel in base64, a
	 * third larger, but etcd counts them decoded). A single operation larger than this is
	 * sent in a transaction of its own.
	 * @param bytesPerTxn the number of bytes
	 * @return a request like this one, with the setting
	 */
	public BulkRequest bytesPerTxn(long bytesPerTxn) {
		Assert.isTrue(bytesPerTxn > 0, "bytesPerTxn must be positive");
		return new BulkRequest(this.log, this.size, this.opsPerTxn, bytesPerTxn, this.parallelism);
	}

	/**
	 * Set how many transactions may be in flight at once; 1 sends them one after the
	 * other, in order, from the calling thread.
	 * @param parallelism the number of transactions
	 * @return a request like this one, with the setting
	 */
	public BulkRequest parallelism(int parallelism) {
		Assert.isTrue(parallelism > 0, "parallelism must be positive");
		return new BulkRequest(this.log, this.size, this.opsPerTxn, this.bytesPerTxn, parallelism);
	}

	/**
	 * Return the number of operations.
	 * @return the number of operations
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Return the operations, in order: puts and deletes of single keys.
	 * @return a copy of the operations, unmodifiable
	 * @since 0.1.0
	 */
	public List<TxnOp> getOps() {
		return this.log.copy(this.size);
	}

	/**
	 * Return the most operations per transaction.
	 * @return the number of operations
	 * @since 0.1.0
	 */
	public int getOpsPerTxn() {
		return this.opsPerTxn;
	}

	/**
	 * Return the most bytes of keys and values per transaction.
	 * @return the number of bytes
	 * @since 0.1.0
	 */
	public long getBytesPerTxn() {
		return this.bytesPerTxn;
	}

	/**
	 * Return how many transactions may be in flight at once.
	 * @return the number of transactions
	 * @since 0.1.0
	 */
	public int getParallelism() {
		return this.parallelism;
	}

	/**
	 * The outcome of a bulk that was applied completely.
	 *
	 * @param ops the number of operations applied
	 * @param transactions the number of transactions they took
	 * @param revision the highest revision of those transactions: a read at this revision
	 * sees the whole bulk (0 for an empty bulk)
	 */
	public record Response(int ops, int transactions, long revision) {
	}

	/**
	 * The operations of a chain of requests, each made from the one before by adding an
	 * operation. A request owns the first {@code size} entries, which never change: an
	 * addition to the request that owns them all appends in place, an addition to an
	 * older one copies its entries first. So a loop of additions costs linear time, not
	 * the quadratic time of copying the operations (and the set of keys that finds
	 * duplicates) at each step, and still every request sees only its own operations.
	 */
	private static final class OpLog {

		private final List<TxnOp> ops = new ArrayList<>();

		private final Set<ByteBuffer> keys = new HashSet<>();

		/**
		 * Add an operation after the first {@code size} ones.
		 * @return the log that holds the operation at {@code size}: this one, or a copy
		 */
		synchronized OpLog append(int size, byte[] key, TxnOp op) {
			OpLog target = (size == this.ops.size()) ? this : copyOf(size);
			target.add(key, op);
			return target;
		}

		synchronized List<TxnOp> copy(int size) {
			return List.copyOf(this.ops.subList(0, size));
		}

		private OpLog copyOf(int size) {
			OpLog copy = new OpLog();
			for (TxnOp op : this.ops.subList(0, size)) {
				copy.add(keyOf(op), op);
			}
			return copy;
		}

		private void add(byte[] key, TxnOp op) {
			if (!this.keys.add(ByteBuffer.wrap(key))) {
				throw new IllegalArgumentException("etcd key '" + Keys.printable(key)
						+ "' is already in this bulk: etcd refuses a transaction that names a key twice, "
						+ "and parallel transactions could apply the two operations in either order");
			}
			this.ops.add(op);
		}

		private static byte[] keyOf(TxnOp op) {
			PutRequest put = op.getPut();
			return (put != null) ? put.getKey() : op.getDelete().getKey();
		}

	}

}
