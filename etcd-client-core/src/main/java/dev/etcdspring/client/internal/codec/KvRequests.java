package dev.etcdspring.client.internal.codec;

import java.util.List;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;

/**
 * The JSON of the key-value API's requests, in the gateway's field names. Fields that
 * hold proto3's default (0, {@code false}, no range end) are left out: the gateway reads
 * them as that default, and has less to parse.
 *
 * @since 0.1.0
 */
public final class KvRequests {

	private KvRequests() {
	}

	/**
	 * A range read, for {@code kv/range}.
	 * @param query the read
	 * @return the request
	 */
	public static GatewayRequest range(RangeQuery query) {
		return (json) -> writeRange(json, query);
	}

	/**
	 * A put, for {@code kv/put}.
	 * @param put the put
	 * @return the request
	 */
	public static GatewayRequest put(PutRequest put) {
		return (json) -> writePut(json, put);
	}

	/**
	 * A delete, for {@code kv/deleterange}.
	 * @param delete the delete
	 * @return the request
	 */
	public static GatewayRequest delete(DeleteRequest delete) {
		return (json) -> writeDelete(json, delete);
	}

	/**
	 * A transaction, for {@code kv/txn}: the conditions and both branches.
	 * @param txn the transaction
	 * @return the request
	 */
	public static GatewayRequest txn(Txn txn) {
		return (json) -> writeTxn(json, txn);
	}

	/**
	 * A compaction, for {@code kv/compaction}.
	 * @param revision the revision to keep history from
	 * @param physical whether etcd answers only once the space is reclaimed
	 * @return the request
	 */
	public static GatewayRequest compaction(long revision, boolean physical) {
		return (json) -> json.field("revision", revision).field("physical", physical);
	}

	private static void writeRange(GatewayJsonWriter json, RangeQuery query) {
		json.field("key", query.getKey());
		byte[] rangeEnd = query.getRangeEnd();
		if (rangeEnd != null) {
			json.field("range_end", rangeEnd);
		}
		if (query.getLimit() != 0) {
			json.field("limit", query.getLimit());
		}
		if (query.getRevision() != 0) {
			json.field("revision", query.getRevision());
		}
		if (query.getSortOrder() != SortOrder.NONE) {
			json.field("sort_order", query.getSortOrder().name());
			json.field("sort_target", query.getSortTarget().name());
		}
		if (query.isSerializable()) {
			json.field("serializable", true);
		}
		if (query.isKeysOnly()) {
			json.field("keys_only", true);
		}
		if (query.isCountOnly()) {
			json.field("count_only", true);
		}
	}

	private static void writePut(GatewayJsonWriter json, PutRequest put) {
		json.field("key", put.getKey());
		json.field("value", put.getValue());
		if (put.getLease() != 0) {
			json.field("lease", put.getLease());
		}
		if (put.isPrevKv()) {
			json.field("prev_kv", true);
		}
	}

	private static void writeDelete(GatewayJsonWriter json, DeleteRequest delete) {
		json.field("key", delete.getKey());
		byte[] rangeEnd = delete.getRangeEnd();
		if (rangeEnd != null) {
			json.field("range_end", rangeEnd);
		}
		if (delete.isPrevKv()) {
			json.field("prev_kv", true);
		}
	}

	private static void writeTxn(GatewayJsonWriter json, Txn txn) {
		json.beginArray("compare");
		for (Compare compare : txn.compares()) {
			writeCompare(json.beginObject(), compare);
			json.endObject();
		}
		json.endArray();
		writeBranch(json, "success", txn.thenOps());
		writeBranch(json, "failure", txn.otherwiseOps());
	}

	/** The key, and the operand in the field of its target. */
	private static void writeCompare(GatewayJsonWriter json, Compare compare) {
		json.field("result", compare.result().name());
		json.field("target", compare.target().name());
		json.field("key", compare.key());
		switch (compare.target()) {
			case VALUE -> json.field("value", (byte[]) compare.operand());
			case VERSION -> json.field("version", (Long) compare.operand());
			case CREATE -> json.field("create_revision", (Long) compare.operand());
			case MOD -> json.field("mod_revision", (Long) compare.operand());
			case LEASE -> json.field("lease", (Long) compare.operand());
		}
	}

	private static void writeBranch(GatewayJsonWriter json, String name, List<TxnOp> ops) {
		json.beginArray(name);
		for (TxnOp op : ops) {
			writeOp(json.beginObject(), op);
			json.endObject();
		}
		json.endArray();
	}

	/** The one request the operation holds, as an object. */
	private static void writeOp(GatewayJsonWriter json, TxnOp op) {
		RangeQuery range = op.getRange();
		if (range != null) {
			writeRange(json.beginObject("request_range"), range);
			json.endObject();
		}
		PutRequest put = op.getPut();
		if (put != null) {
			writePut(json.beginObject("request_put"), put);
			json.endObject();
		}
		DeleteRequest delete = op.getDelete();
		if (delete != null) {
			writeDelete(json.beginObject("request_delete_range"), delete);
			json.endObject();
		}
		Txn txn = op.getTxn();
		if (txn != null) {
			writeTxn(json.beginObject("request_txn"), txn);
			json.endObject();
		}
	}

}
