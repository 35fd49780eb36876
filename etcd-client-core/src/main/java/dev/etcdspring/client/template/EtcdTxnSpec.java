package dev.etcdspring.client.template;

import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.RangeQuery;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;

/**
 * A transaction built with string keys and typed values, from {@link EtcdTemplate#txn()}:
 * if every condition holds, the {@code then} operations run, otherwise the
 * {@code otherwise} ones, atomically.
 *
 * @since 0.1.0
 */
public final class EtcdTxnSpec {

	private final EtcdTemplate template;

	private final List<Compare> conditions = new ArrayList<>();

	private final List<TxnOp> then = new ArrayList<>();

	private final List<TxnOp> otherwise = new ArrayList<>();

	EtcdTxnSpec(EtcdTemplate template) {
		this.template = template;
	}

	/**
	 * Require the key's value to equal {@code expected}.
	 * @param key the key
	 * @param expected the value
	 * @return this spec
	 */
	public EtcdTxnSpec ifValue(String key, Object expected) {
		this.conditions.add(Compare.value(key(key)).equalTo(this.template.encode(expected)));
		return this;
	}

	/**
	 * Require the key's version to equal {@code version}.
	 * @param key the key
	 * @param version the version (0: the key does not exist)
	 * @return this spec
	 */
	public EtcdTxnSpec ifVersion(String key, long version) {
		this.conditions.add(Compare.version(key(key)).equalTo(version));
		return this;
	}

	/**
	 * Require the key's last change to be at {@code modRevision}.
	 * @param key the key
	 * @param modRevision the revision
	 * @return this spec
	 */
	public EtcdTxnSpec ifModRevision(String key, long modRevision) {
		this.conditions.add(Compare.modRevision(key(key)).equalTo(modRevision));
		return this;
	}

	/**
	 * Require the key not to exist.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec ifAbsent(String key) {
		return ifVersion(key, 0);
	}

	/**
	 * Require the key to exist.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec ifPresent(String key) {
		this.conditions.add(Compare.version(key(key)).greaterThan(0L));
		return this;
	}

	/**
	 * Put when the conditions hold.
	 * @param key the key
	 * @param value the value
	 * @return this spec
	 */
	public EtcdTxnSpec thenPut(String key, Object value) {
		this.then.add(put(key, value));
		return this;
	}

	/**
	 * Delete when the conditions hold.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec thenDelete(String key) {
		this.then.add(TxnOp.delete(DeleteRequest.key(key(key))));
		return this;
	}

	/**
	 * Read a key when the conditions hold.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec thenGet(String key) {
		this.then.add(TxnOp.get(RangeQuery.key(key(key))));
		return this;
	}

	/**
	 * Put when a condition fails.
	 * @param key the key
	 * @param value the value
	 * @return this spec
	 */
	public EtcdTxnSpec otherwisePut(String key, Object value) {
		this.otherwise.add(put(key, value));
		return this;
	}

	/**
	 * Delete when a condition fails.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec otherwiseDelete(String key) {
		this.otherwise.add(TxnOp.delete(DeleteRequest.key(key(key))));
		return this;
	}

	/**
	 * Read a key when a condition fails, for example to see the value that won.
	 * @param key the key
	 * @return this spec
	 */
	public EtcdTxnSpec otherwiseGet(String key) {
		this.otherwise.add(TxnOp.get(RangeQuery.key(key(key))));
		return this;
	}

	/**
	 * Run the transaction.
	 * @return its outcome
	 */
	public EtcdTxnResult commit() {
		Txn txn = Txn.when(this.conditions.toArray(Compare[]::new))
			.then(this.then.toArray(TxnOp[]::new))
			.otherwise(this.otherwise.toArray(TxnOp[]::new));
		return new EtcdTxnResult(this.template, this.template.getClient().kv().txn(txn));
	}

	private TxnOp put(String key, Object value) {
		return TxnOp.put(PutRequest.of(key(key), this.template.encode(value)));
	}

	private byte[] key(String key) {
		return this.template.namespace().key(key);
	}

}
