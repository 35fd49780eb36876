package dev.etcdspring.client.internal.kv;

import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.client.kv.BulkRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.TxnOp;

/**
 * A {@link BulkRequest}'s operations cut, in order, into transactions: an operation
 * starts a new transaction when the current one is full by count or would grow past the
 * byte budget.
 *
 * @param ops the operations
 * @param chunks the transactions
 */
record BulkPlan(List<Op> ops, List<Chunk> chunks) {

	/**
	 * What one operation adds to a transaction besides its key and value: field tags and
	 * lengths of etcd's protobuf request, generously.
	 */
	static final int OP_OVERHEAD_BYTES = 16;

	static BulkPlan of(BulkRequest request) {
		List<Op> ops = new ArrayList<>(request.size());
		for (TxnOp op : request.getOps()) {
			PutRequest put = op.getPut();
			byte[] key = (put != null) ? put.getKey() : op.getDelete().getKey();
			long size = (put != null) ? put.size() : key.length;
			ops.add(new Op(key, op, size + OP_OVERHEAD_BYTES));
		}
		return new BulkPlan(ops, chunks(ops, request.getOpsPerTxn(), request.getBytesPerTxn()));
	}

	private static List<Chunk> chunks(List<Op> ops, int opsPerTxn, long bytesPerTxn) {
		List<Chunk> chunks = new ArrayList<>();
		int from = 0;
		long bytes = 0;
		for (int i = 0; i < ops.size(); i++) {
			long size = ops.get(i).bytes();
			boolean full = i - from == opsPerTxn || bytes + size > bytesPerTxn;
			if (i > from && full) {
				chunks.add(new Chunk(chunks.size(), from, i, bytes));
				from = i;
				bytes = 0;
			}
			bytes += size;
		}
		if (from < ops.size()) {
			chunks.add(new Chunk(chunks.size(), from, ops.size(), bytes));
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
	record Op(byte[] key, TxnOp op, long bytes) {
	}

	/**
	 * One transaction: the operations {@code [from, to)}.
	 *
	 * @param index its position among the transactions, from 0
	 * @param from the first operation
	 * @param to the end, exclusive
	 * @param bytes the estimated size
	 */
	record Chunk(int index, int from, int to, long bytes) {

		int size() {
			return this.to - this.from;
		}

	}

}
