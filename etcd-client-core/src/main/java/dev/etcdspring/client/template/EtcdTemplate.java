package dev.etcdspring.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.exception.EtcdSerializationException;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.DeleteRequest;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.client.lease.Lease;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchListener;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The Spring-style face of etcd: string keys, typed values, and the operations
 * applications need, each one call. Thread-safe. <pre class="code">
 * template.put("/config/feature-x", "on");
 * Optional&lt;String&gt; value = template.get("/config/feature-x");
 * boolean swapped = template.compareAndSwap("/config/feature-x", "on", "off");
 * List&lt;EtcdEntry&lt;Flag&gt;&gt; flags = template.list("/flags/").entries(Flag.class);
 * </pre> A missing key is an empty {@code Optional}, a failed comparison is
 * {@code false}: neither is an exception. Failures to talk to etcd are
 * {@link EtcdException}s. Code that only uses the template should depend on
 * {@link EtcdOperations}, which tests can mock.
 *
 * @since 0.1.0
 */
public class EtcdTemplate implements EtcdOperations {

	private final EtcdClient client;

	private final EtcdSerializer serializer;

	private final Namespace namespace;

	/**
	 * Create a template with the standard serializer and no namespace.
	 * @param client the client
	 */
	public EtcdTemplate(EtcdClient client) {
		this(client, EtcdSerializer.standard(), "");
	}

	/**
	 * Create a template.
	 * @param client the client
	 * @param serializer converts values to bytes and back
	 * @param namespace a path put in front of every key, such as {@code /myapp}: exactly
	 * one {@code /} joins it to a key, whichever side carries it, so {@code /config/a} is
	 * stored as {@code /myapp/config/a} and comes back as {@code /config/a}; empty for
	 * none
	 */
	public EtcdTemplate(EtcdClient client, EtcdSerializer serializer, String namespace) {
		Assert.notNull(client, "EtcdClient must not be null");
		Assert.notNull(serializer, "EtcdSerializer must not be null");
		this.client = client;
		this.serializer = serializer;
		this.namespace = Namespace.of(namespace);
	}

	// ---- reads

	@Override
	public Optional<String> get(String key) {
		return get(key, String.class);
	}

	@Override
	public <T> Optional<T> get(String key, Class<T> type) {
		return this.client.kv().get(this.namespace.key(key)).map((kv) -> decode(kv, type));
	}

	@Override
	public Optional<byte[]> get(byte[] key) {
		return this.client.kv().get(this.namespace.key(key)).map(KeyValue::value);
	}

	@Override
	public <T> Optional<EtcdEntry<T>> getEntry(String key, Class<T> type) {
		return this.client.kv().get(this.namespace.key(key)).map((kv) -> entry(kv, type));
	}

	@Override
	public EtcdListSpec list(String prefix) {
		Assert.notNull(prefix, "Prefix must not be null");
		return new EtcdListSpec(this, this.namespace.prefix(prefix));
	}

	@Override
	public EtcdListSpec list(byte[] prefix) {
		return new EtcdListSpec(this, this.namespace.prefix(prefix));
	}

	// ---- writes

	@Override
	public long put(String key, Object value) {
		return this.client.kv().put(PutRequest.of(this.namespace.key(key), encode(value))).header().revision();
	}

	@Override
	public long put(byte[] key, byte[] value) {
		return this.client.kv().put(PutRequest.of(this.namespace.key(key), value)).header().revision();
	}

	@Override
	public long put(String key, Object value, Duration ttl) {
		byte[] fullKey = this.namespace.key(key);
		byte[] bytes = encode(value);
		Lease lease = this.client.leases().grant(ttl);
		try {
			return this.client.kv().put(PutRequest.of(fullKey, bytes).lease(lease.id())).header().revision();
		}
		catch (EtcdException ex) {
			revokeQuietly(lease.id(), ex);
			throw ex;
		}
	}

	@Override
	public <T> Optional<T> getAndPut(String key, Object value, Class<T> type) {
		KeyValue previous = this.client.kv()
			.put(PutRequest.of(this.namespace.key(key), encode(value)).prevKv())
			.prevKv();
		return Optional.ofNullable(previous).map((kv) -> decode(kv, type));
	}

	@Override
	public boolean putIfAbsent(String key, Object value) {
		byte[] fullKey = this.namespace.key(key);
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(Compare.version(fullKey).equalTo(0L))
				.then(TxnOp.put(PutRequest.of(fullKey, encode(value)))))
			.succeeded();
	}

	@Override
	public boolean delete(String key) {
		return this.client.kv().delete(DeleteRequest.key(this.namespace.key(key))).deleted() > 0;
	}

	@Override
	public boolean delete(byte[] key) {
		return this.client.kv().delete(DeleteRequest.key(this.namespace.key(key))).deleted() > 0;
	}

	@Override
	public <T> Optional<T> getAndDelete(String key, Class<T> type) {
		List<KeyValue> deleted = this.client.kv().delete(DeleteRequest.key(this.namespace.key(key)).prevKv()).prevKvs();
		return deleted.isEmpty() ? Optional.empty() : Optional.of(decode(deleted.get(0), type));
	}

	@Override
	public long deletePrefix(String prefix) {
		requireDeletablePrefix(prefix);
		return this.client.kv().delete(DeleteRequest.prefix(this.namespace.prefix(prefix))).deleted();
	}

	@Override
	public <T> List<EtcdEntry<T>> getAndDeletePrefix(String prefix, Class<T> type) {
		requireDeletablePrefix(prefix);
		return this.client.kv()
			.delete(DeleteRequest.prefix(this.namespace.prefix(prefix)).prevKv())
			.prevKvs()
			.stream()
			.map((kv) -> entry(kv, type))
			.toList();
	}

	private void requireDeletablePrefix(String prefix) {
		Assert.isTrue(prefix != null && (!prefix.isEmpty() || this.namespace != Namespace.NONE),
				"Prefix must not be empty without a namespace: deleting every key of the cluster needs execute()");
	}

	// ---- compare-and-swap

	@Override
	public boolean compareAndSwap(String key, Object expected, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.value(fullKey).equalTo(encode(expected)), next);
	}

	@Override
	public boolean compareAndSwapVersion(String key, long expectedVersion, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.version(fullKey).equalTo(expectedVersion), next);
	}

	@Override
	public boolean compareAndSwapModRevision(String key, long expectedModRevision, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.modRevision(fullKey).equalTo(expectedModRevision), next);
	}

	@Override
	public boolean compareAndDelete(String key, Object expected) {
		byte[] fullKey = this.namespace.key(key);
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(Compare.value(fullKey).equalTo(encode(expected)))
				.then(TxnOp.delete(DeleteRequest.key(fullKey))))
			.succeeded();
	}

	@Override
	public boolean compareAndDeleteVersion(String key, long expectedVersion) {
		byte[] fullKey = this.namespace.key(key);
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(Compare.version(fullKey).equalTo(expectedVersion))
				.then(TxnOp.delete(DeleteRequest.key(fullKey))))
			.succeeded();
	}

	private boolean swap(byte[] fullKey, Compare condition, Object next) {
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(condition).then(TxnOp.put(PutRequest.of(fullKey, encode(next)))))
			.succeeded();
	}

	@Override
	public EtcdTxnSpec txn() {
		return new EtcdTxnSpec(this);
	}

	// ---- bulk writes

	@Override
	public EtcdBulkSpec bulk() {
		return new EtcdBulkSpec(this);
	}

	@Override
	public EtcdBulkResult putAll(Map<String, ?> entries) {
		return bulk().putAll(entries).execute();
	}

	// ---- watches

	@Override
	public EtcdWatchSpec watch(String key) {
		Assert.notNull(key, "Key must not be null");
		return new EtcdWatchSpec(this, key);
	}

	@Override
	public Watch watch(String key, WatchListener listener) {
		return watch(key).subscribe(listener);
	}

	// ---- mirrors

	@Override
	public EtcdMirror mirror(String prefix) {
		Assert.notNull(prefix, "Prefix must not be null");
		return EtcdMirror.builder(this.client).namespace(getNamespace()).prefix(prefix).start();
	}

	// ---- escape hatch and helpers

	@Override
	public <T> T execute(EtcdCallback<T> callback) {
		return callback.doInEtcd(this.client);
	}

	@Override
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		return this.serializer.deserialize(bytes, type);
	}

	@Override
	public EtcdClient getClient() {
		return this.client;
	}

	@Override
	public EtcdSerializer getSerializer() {
		return this.serializer;
	}

	@Override
	public String getNamespace() {
		return this.namespace.prefix();
	}

	Namespace namespace() {
		return this.namespace;
	}

	byte[] encode(Object value) {
		Assert.notNull(value, "Value must not be null: use delete() to remove a key");
		return this.serializer.serialize(value);
	}

	<T> T decode(KeyValue kv, Class<T> type) {
		try {
			return this.serializer.deserialize(kv.value(), type);
		}
		catch (EtcdSerializationException ex) {
			throw new EtcdSerializationException(
					"Value of etcd key '" + this.namespace.userKey(kv) + "': " + ex.getMessage(), ex.getCause());
		}
	}

	<T> EtcdEntry<T> entry(KeyValue kv, @Nullable Class<T> type) {
		T value = (type != null) ? decode(kv, type) : null;
		return new EtcdEntry<>(this.namespace.strip(kv.key()), value, kv.createRevision(), kv.modRevision(),
				kv.version(), kv.lease());
	}

	private void revokeQuietly(long leaseId, EtcdException failure) {
		try {
			this.client.leases().revoke(leaseId);
		}
		catch (EtcdException ex) {
			// the lease expires by itself; the put's failure is what the caller needs
			failure.addSuppressed(ex);
		}
	}

	@Override
	public String toString() {
		return "EtcdTemplate[" + this.client + (this.namespace == Namespace.NONE ? "" : ", namespace=" + getNamespace())
				+ "]";
	}

}
