package dev.etcdspring.client.template;

/**
 * The outcome of a bulk write from {@link EtcdBulkSpec#execute()} or
 * {@link EtcdTemplate#putAll(java.util.Map)}, which was applied completely.
 *
 * @param ops the number of puts and deletes applied
 * @param transactions the number of transactions they took
 * @param revision the highest revision of those transactions: a read at this revision
 * sees the whole bulk (0 for an empty bulk)
 * @since 0.1.0
 */
public record EtcdBulkResult(int ops, int transactions, long revision) {

}
