package dev.etcdspring.client.internal.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.jspecify.annotations.Nullable;

/**
 * Makes a {@link CoalescedCall} of each kind of KV request: its operation in a combined
 * transaction, its size, the keys it touches, and its own answer cut from the combined
 * one, which carries the combined transaction's header (and so its revision).
 */
final class CoalescedCalls {

	/**
	 * What an operation adds besides its keys and values: field tags and lengths of
	 * etcd's protobuf request, generously.
	 */
	private static final int OP_OVERHEAD_BYTES = 16;

	private CoalescedCalls() {
	}

	static CoalescedCall<RangeResponse> range(RangeQuery query, Supplier<RangeResponse> alone) {
		return new CoalescedCall<>(TxnOp.get(query), rangeBytes(query), SharingKey.of(query), KeySpans.NONE, alone,
				(result, header) -> {
					RangeResponse range = required(result.range(), "response_range");
					return new RangeResponse(header, range.kvs(), range.more(), range.count());
				}, CoalescedCalls::copy);
	}

	static CoalescedCall<PutRequest.Response> put(PutRequest put, Supplier<PutRequest.Response> alone) {
		return new CoalescedCall<>(TxnOp.put(put), put.size() + OP_OVERHEAD_BYTES, null,
				new KeySpans().add(put.getKey(), null), alone,
				(result, header) -> new PutRequest.Response(header, required(result.put(), "response_put").prevKv()),
				(answer) -> answer);
	}

	static CoalescedCall<DeleteRequest.Response> delete(DeleteRequest delete, Supplier<DeleteRequest.Response> alone) {
		return new CoalescedCall<>(TxnOp.delete(delete), deleteBytes(delete), null,
				new KeySpans().add(delete.getKey(), delete.getRangeEnd()), alone, (result, header) -> {
					DeleteRequest.Response deleted = required(result.delete(), "response_delete_range");
					return new DeleteRequest.Response(header, deleted.deleted(), deleted.prevKvs());
				}, (answer) -> answer);
	}

	static CoalescedCall<Txn.Response> txn(Txn txn, Supplier<Txn.Response> alone) {
		KeySpans touched = new KeySpans();
		long bytes = addTxn(txn, touched);
		return new CoalescedCall<>(TxnOp.txn(txn), bytes, null, touched, alone, (result, header) -> {
			Txn.Response nested = required(result.txn(), "response_txn");
			return new Txn.Response(header, nested.succeeded(), nested.results());
		}, (answer) -> answer);
	}

	/** Add the keys {@code txn} compares, reads and writes; return its estimated size. */
	private static long addTxn(Txn txn, KeySpans touched) {
		long bytes = OP_OVERHEAD_BYTES;
		for (Compare compare : txn.compares()) {
			touched.add(compare.key(), null);
			bytes += compare.key().length + OP_OVERHEAD_BYTES
					+ ((compare.operand() instanceof byte[] value) ? value.length : Long.BYTES);
		}
		for (List<TxnOp> branch : List.of(txn.thenOps(), txn.otherwiseOps())) {
			for (TxnOp op : branch) {
				bytes += addOp(op, touched);
			}
		}
		return bytes;
	}

	private static long addOp(TxnOp op, KeySpans touched) {
		if (op.getRange() != null) {
			touched.add(op.getRange().getKey(), op.getRange().getRangeEnd());
			return rangeBytes(op.getRange());
		}
		if (op.getPut() != null) {
			touched.add(op.getPut().getKey(), null);
			return op.getPut().size() + OP_OVERHEAD_BYTES;
		}
		if (op.getDelete() != null) {
			touched.add(op.getDelete().getKey(), op.getDelete().getRangeEnd());
			return deleteBytes(op.getDelete());
		}
		return addTxn(op.getTxn(), touched);
	}

	private static long rangeBytes(RangeQuery query) {
		return query.getKey().length + length(query.getRangeEnd()) + OP_OVERHEAD_BYTES;
	}

	private static long deleteBytes(DeleteRequest delete) {
		return delete.getKey().length + length(delete.getRangeEnd()) + OP_OVERHEAD_BYTES;
	}

	private static int length(byte @Nullable [] bytes) {
		return (bytes != null) ? bytes.length : 0;
	}

	private static <T> T required(@Nullable T answer, String field) {
		if (answer == null) {
			throw new EtcdException("etcd's answer to a combined transaction lacks the " + field
					+ " of an operation; the operation's outcome is unknown");
		}
		return answer;
	}

	/** A copy of a shared read's answer, so that callers never share mutable arrays. */
	private static RangeResponse copy(RangeResponse answer) {
		List<KeyValue> kvs = new ArrayList<>(answer.kvs().size());
		for (KeyValue kv : answer.kvs()) {
			kvs.add(new KeyValue(kv.key().clone(), kv.value().clone(), kv.createRevision(), kv.modRevision(),
					kv.version(), kv.lease()));
		}
		return new RangeResponse(answer.header(), kvs, answer.more(), answer.count());
	}

	/**
	 * Equal for reads that ask the same (consistency aside: each lane has one), and so
	 * may share one answer.
	 */
	private record SharingKey(ByteBuffer key, @Nullable ByteBuffer rangeEnd, long limit, long revision,
			SortOrder sortOrder, SortTarget sortTarget, boolean keysOnly, boolean countOnly) {

		static SharingKey of(RangeQuery query) {
			byte[] rangeEnd = query.getRangeEnd();
			return new SharingKey(ByteBuffer.wrap(query.getKey()),
					(rangeEnd != null) ? ByteBuffer.wrap(rangeEnd) : null, query.getLimit(), query.getRevision(),
					query.getSortOrder(), query.getSortTarget(), query.isKeysOnly(), query.isCountOnly());
		}

	}

}
