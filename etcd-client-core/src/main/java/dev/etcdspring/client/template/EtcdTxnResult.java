package dev.etcdspring.client.template;

import java.util.List;
import java.util.Optional;

import dev.etcdspring.client.kv.RangeResponse;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;

/**
 * The outcome of a transaction from {@link EtcdTxnSpec#commit()}.
 *
 * @since 0.1.0
 */
public final class EtcdTxnResult {

	private final EtcdTemplate template;

	private final Txn.Response response;

	EtcdTxnResult(EtcdTemplate template, Txn.Response response) {
		this.template = template;
		this.response = response;
	}

	/**
	 * Whether every condition held, so the {@code then} operations ran.
	 * @return whether the transaction succeeded
	 */
	public boolean succeeded() {
		return this.response.succeeded();
	}

	/**
	 * Return the store's revision after the transaction.
	 * @return the revision
	 */
	public long revision() {
		return this.response.header().revision();
	}

	/**
	 * Return the value read by the {@code index}-th operation of the branch that ran.
	 * @param <T> the value type
	 * @param index the operation's position in its branch, from 0
	 * @param type the value type
	 * @return the value, or empty when the key did not exist
	 * @throws IllegalArgumentException when that operation is not a read
	 */
	public <T> Optional<T> value(int index, Class<T> type) {
		if (index < 0 || index >= this.response.results().size()
				|| this.response.results().get(index).range() == null) {
			throw new IllegalArgumentException("Operation " + index + " of the branch that ran is not a read");
		}
		RangeResponse range = this.response.results().get(index).range();
		return range.kvs().isEmpty() ? Optional.empty() : Optional.of(this.template.decode(range.kvs().get(0), type));
	}

	/**
	 * Return the raw results of the branch that ran, in order.
	 * @return the results
	 */
	public List<TxnOp.Result> results() {
		return this.response.results();
	}

	@Override
	public String toString() {
		return "EtcdTxnResult[succeeded=" + succeeded() + ", revision=" + revision() + "]";
	}

}
