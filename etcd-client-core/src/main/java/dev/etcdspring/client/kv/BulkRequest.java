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

	/**
	 * What one operation adds to a transaction besides its key and value: field tags and
	 * lengths of etcd's protobuf request, generously.
	 */
	static final int OP_OVERHEAD_BYTES = 16;

	private final List<Op> ops = new ArrayList<>();

	private final Set<ByteBuffer> keys = new HashSet<>();

	private int opsPerTxn = Txn.DEFAULT_MAX_OPS;

	private long bytesPerTxn = DEFAULT_BYTES_PER_TXN;

	private int parallelism = DEFAULT_PARALLELISM;

	private BulkRequest() {
	}

	/**
	 * Start an empty bulk.
	 * @return the request
	 */
	public static BulkRequest create() {
		return new BulkRequest();
	}

	/**
	 * Put {@code value} at {@code key}.
	 * @param key the key
	 * @param value the value
	 * @return this request
	 * @throws IllegalArgumentException when the key is empty or already in this bulk
	 */
	public BulkRequest put(byte[] key, byte[] value) {
		return put(PutRequest.of(key, value));
	}

	/**
	 * Put, with the request's options (a lease, say).
	 * @param put the put
	 * @return this request
	 * @throws IllegalArgumentException when the key is already in this bulk
	 */
	public BulkRequest put(PutRequest put) {
		Assert.notNull(put, "PutRequest must not be null");
		return add(put.getKey(), TxnOp.put(put), put.size());
	}

	/**
	 * Delete one key.
	 * @param key the key
	 * @return this request
	 * @throws IllegalArgumentException when the key is empty or already in this bulk
	 */
	public BulkRequest delete(byte[] key) {
		return add(Keys.require(key), TxnOp.delete(DeleteRequest.key(key)), key.length);
	}

	private BulkRequest add(byte[] key, TxnOp op, long size) {
		if (!this.keys.add(ByteBuffer.wrap(key))) {
			throw new IllegalArgumentException("etcd key '" + Keys.printable(key)
					+ "' is already in this bulk: etcd refuses a transaction that names a key twice, "
					+ "and parallel transactions could apply the two operations in either order");
		}
		this.ops.add(new Op(key, op, size + OP_OVERHEAD_BYTES));
		return this;
	}

	/**
	 * Set the most operations per transaction; etcd refuses more than its
	 * {@code --max-txn-ops} ({@value Txn#DEFAULT_MAX_OPS} by default).
	 * @param opsPerTxn the number of operations
	 * @return this request
	 */
	public BulkRequest opsPerTxn(int opsPerTxn) {
		Assert.isTrue(opsPerTxn > 0, "opsPerTxn must be positive");
		this.opsPerTxn = opsPerTxn;
		return this;
	}

	/**
	 * Set the most bytes of keys and values per transaction, which is what etcd's
	 * {@code --max-request-bytes} limits (on the JSON gateway values travel in base64, a
	 * third larger, but etcd counts them decoded). A single operation larger than this is
	 * sent in a transaction of its own.
	 * @param bytesPerTxn the number of bytes
	 * @return this request
	 */
	public BulkRequest bytesPerTxn(long bytesPerTxn) {
		Assert.isTrue(bytesPerTxn > 0, "bytesPerTxn must be positive");
		this.bytesPerTxn = bytesPerTxn;
		return this;
	}

	/**
	 * Set how many transactions may be in flight at once; 1 sends them one after the
	 * other, in order, from the calling thread.
	 * @param parallelism the number of transactions
	 * @return this request
	 */
	public BulkRequest parallelism(int parallelism) {
		Assert.isTrue(parallelism > 0, "parallelism must be positive");
		this.parallelism = parallelism;
		return this;
	}

	/**
	 * Return the number of operations.
	 * @return the number of operations
	 */
	public int size() {
		return this.ops.size();
	}

	public int parallelism() {
		return this.parallelism;
	}

	public List<Op> ops() {
		return this.ops;
	}

	/**
	 * Cut the operations, in order, into transactions: an operation starts a new one when
	 * the current one is full by count or would grow past the byte budget.
	 */
	public List<Chunk> chunks() {
		List<Chunk> chunks = new ArrayList<>();
		int from = 0;
		long bytes = 0;
		for (int i = 0; i < this.ops.size(); i++) {
			long size = this.ops.get(i).bytes();
			boolean full = i - from == this.opsPerTxn || bytes + size > this.bytesPerTxn;
			if (i > from && full) {
				chunks.add(new Chunk(chunks.size(), from, i, bytes));
				from = i;
				bytes = 0;
			}
			bytes += size;
		}
		if (from < this.ops.size()) {
			chunks.add(new Chunk(chunks.size(), from, this.ops.size(), bytes));
		}
		return chunks;
	}

	/**
	 * One operation.
	 *
	 * @param key its key
	 * @param op the operation
	 * @param bytes its estimated share of a transaction's size
	 */
	public record Op(byte[] key, TxnOp op, long bytes) {
	}

	/**
	 * One transaction: the operations {@code [from, to)}.
	 *
	 * @param index its position among the transactions, from 0
	 * @param from the first operation
	 * @param to the end, exclusive
	 * @param bytes the estimated size
	 */
	public record Chunk(int index, int from, int to, long bytes) {

		public int size() {
			return this.to - this.from;
		}

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

}
