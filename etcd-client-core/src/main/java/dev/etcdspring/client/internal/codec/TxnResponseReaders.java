package dev.etcdspring.client.internal.codec;

import java.util.List;
import java.util.Map;

import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.ResponseHeader;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;

/**
 * Hand-written readers of a transaction's answer and of the delete answer it may hold:
 * every compare-and-swap and lock passes through them (see {@link GatewayObjectReader}).
 */
final class TxnResponseReaders {

	private TxnResponseReaders() {
	}

	/** Reads a {@link Txn.Response}. */
	static final class ResponseReader extends GatewayObjectReader<Txn.Response, ResponseReader.Fields> {

		ResponseReader() {
			super(Fields::new,
					Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header),
							"succeeded", (parser, context, fields) -> fields.succeeded = parser.getBooleanValue(),
							"responses", messages(TxnOp.Result.class, (fields, results) -> fields.results = results)));
		}

		@Override
		protected Txn.Response build(Fields fields) {
			return new Txn.Response(fields.header, fields.succeeded, fields.results);
		}

		static final class Fields {

			ResponseHeader header;

			boolean succeeded;

			List<TxnOp.Result> results;

		}

	}

	/** Reads a {@link TxnOp.Result}: one of its four fields is set. */
	static final class ResultReader extends GatewayObjectReader<TxnOp.Result, ResultReader.Fields> {

		ResultReader() {
			super(Fields::new,
					Map.of("response_range", message(RangeResponse.class, (fields, range) -> fields.range = range),
							"response_put", message(PutRequest.Response.class, (fields, put) -> fields.put = put),
							"response_delete_range",
							message(DeleteRequest.Response.class, (fields, delete) -> fields.delete = delete),
							"response_txn", message(Txn.Response.class, (fields, txn) -> fields.txn = txn)));
		}

		@Override
		protected TxnOp.Result build(Fields fields) {
			return new TxnOp.Result(fields.range, fields.put, fields.delete, fields.txn);
		}

		static final class Fields {

			RangeResponse range;

			PutRequest.Response put;

			DeleteRequest.Response delete;

			Txn.Response txn;

		}

	}

	/** Reads a {@link DeleteRequest.Response}. */
	static final class DeleteReader extends GatewayObjectReader<DeleteRequest.Response, DeleteReader.Fields> {

		DeleteReader() {
			super(Fields::new,
					Map.of("header", message(ResponseHeader.class, (fields, header) -> fields.header = header),
							"deleted", (parser, context, fields) -> fields.deleted = int64(parser), "prev_kvs",
							messages(KeyValue.class, (fields, kvs) -> fields.prevKvs = kvs)));
		}

		@Override
		protected DeleteRequest.Response build(Fields fields) {
			return new DeleteRequest.Response(fields.header, fields.deleted, fields.prevKvs);
		}

		static final class Fields {

			ResponseHeader header;

			long deleted;

			List<KeyValue> prevKvs;

		}

	}

}
