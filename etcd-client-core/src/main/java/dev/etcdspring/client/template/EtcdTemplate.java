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
 * {@link EtcdException}s.
 *
 * @since 0.1.0
 */
public class EtcdTemplate {

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

	/**
	 * Read a key's value as a string.
	 * @param key the key
	 * @return the value, or empty when the key does not exist
	 */
	public Optional<String> get(String key) {
		return get(key, String.class);
	}

	/**
	 * Read a key's value as {@code type}.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type (String, byte[], or any type the serializer reads)
	 * @return the value, or empty when the key does not exist
	 */
	public <T> Optional<T> get(String key, Class<T> type) {
		return this.client.kv().get(this.namespace.key(key)).map((kv) -> decode(kv, type));
	}

	/**
	 * Read a binary key's value.
	 * @param key the key
	 * @return the value, or empty when the key does not exist
	 */
	public Optional<byte[]> get(byte[] key) {
		return this.client.kv().get(this.namespace.key(key)).map(KeyValue::value);
	}

	/**
	 * Read a key with its revisions, for a later compare-and-swap on version or revision.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type
	 * @return the entry, or empty when the key does not exist
	 */
	public <T> Optional<EtcdEntry<T>> getEntry(String key, Class<T> type) {
		return this.client.kv().get(this.namespace.key(key)).map((kv) -> entry(kv, type));
	}

	/**
	 * List the keys under a prefix; the returned spec chooses limit, order, revision and
	 * result form. {@code list("/flags/").limit(10).entries(Flag.class)}.
	 * @param prefix the prefix; empty for every key (in the namespace)
	 * @return the listing spec
	 */
	public EtcdListSpec list(String prefix) {
		Assert.notNull(prefix, "Prefix must not be null");
		return new EtcdListSpec(this, this.namespace.prefix(prefix));
	}

	/**
	 * List the keys under a binary prefix.
	 * @param prefix the prefix
	 * @return the listing spec
	 */
	public EtcdListSpec list(byte[] prefix) {
		return new EtcdListSpec(this, this.namespace.prefix(prefix));
	}

	// ---- writes

	/**
	 * Put a value.
	 * @param key the key
	 * @param value the value (String, byte[], or any type the serializer writes)
	 * @return the revision of the put
	 */
	public long put(String key, Object value) {
		return this.client.kv().put(PutRequest.of(this.namespace.key(key), encode(value))).header().revision();
	}

	/**
	 * Put a binary value at a binary key.
	 * @param key the key
	 * @param value the value
	 * @return the revision of the put
	 */
	public long put(byte[] key, byte[] value) {
		return this.client.kv().put(PutRequest.of(this.namespace.key(key), value)).header().revision();
	}

	/**
	 * Put a value that etcd deletes after {@code ttl} (a lease is granted for it; etcd
	 * rounds the TTL up to whole seconds and to its minimum). Putting the key again
	 * without a TTL makes it permanent.
	 * @param key the key
	 * @param value the value
	 * @param ttl how long the key lives
	 * @return the revision of the put
	 */
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

	/**
	 * Put a value and return the one it replaced.
	 * @param <T> the value type
	 * @param key the key
	 * @param value the new value
	 * @param type the type of the previous value
	 * @return the previous value, or empty when the key did not exist
	 */
	public <T> Optional<T> getAndPut(String key, Object value, Class<T> type) {
		KeyValue previous = this.client.kv()
			.put(PutRequest.of(this.namespace.key(key), encode(value)).prevKv())
			.prevKv();
		return Optional.ofNullable(previous).map((kv) -> decode(kv, type));
	}

	/**
	 * Put a value only if the key does not exist.
	 * @param key the key
	 * @param value the value
	 * @return whether the value was put
	 */
	public boolean putIfAbsent(String key, Object value) {
		byte[] fullKey = this.namespace.key(key);
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(Compare.version(fullKey).equalTo(0L))
				.then(TxnOp.put(PutRequest.of(fullKey, encode(value)))))
			.succeeded();
	}

	/**
	 * Delete a key.
	 * @param key the key
	 * @return whether the key existed
	 */
	public boolean delete(String key) {
		return this.client.kv().delete(DeleteRequest.key(this.namespace.key(key))).deleted() > 0;
	}

	/**
	 * Delete a binary key.
	 * @param key the key
	 * @return whether the key existed
	 */
	public boolean delete(byte[] key) {
		return this.client.kv().delete(DeleteRequest.key(this.namespace.key(key))).deleted() > 0;
	}

	/**
	 * Delete a key and return its value.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type
	 * @return the deleted value, or empty when the key did not exist
	 */
	public <T> Optional<T> getAndDelete(String key, Class<T> type) {
		List<KeyValue> deleted = this.client.kv().delete(DeleteRequest.key(this.namespace.key(key)).prevKv()).prevKvs();
		return deleted.isEmpty() ? Optional.empty() : Optional.of(decode(deleted.get(0), type));
	}

	/**
	 * Delete every key under a prefix. An empty prefix is allowed only with a namespace,
	 * where it clears the namespace.
	 * @param prefix the prefix
	 * @return how many keys were deleted
	 */
	public long deletePrefix(String prefix) {
		requireDeletablePrefix(prefix);
		return this.client.kv().delete(DeleteRequest.prefix(this.namespace.prefix(prefix))).deleted();
	}

	/**
	 * Delete every key under a prefix and return what was deleted.
	 * @param <T> the value type
	 * @param prefix the prefix, not empty
	 * @param type the value type
	 * @return the deleted entries
	 */
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

	/**
	 * Replace a value only if it currently equals {@code expected}.
	 * @param key the key
	 * @param expected the value the key must have
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	public boolean compareAndSwap(String key, Object expected, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.value(fullKey).equalTo(encode(expected)), next);
	}

	/**
	 * Replace a value only if the key's version is {@code expectedVersion} (0: it does
	 * not exist).
	 * @param key the key
	 * @param expectedVersion the version the key must have
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	public boolean compareAndSwapVersion(String key, long expectedVersion, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.version(fullKey).equalTo(expectedVersion), next);
	}

	/**
	 * Replace a value only if the key was last changed at {@code expectedModRevision}.
	 * @param key the key
	 * @param expectedModRevision the revision of the key's last change
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	public boolean compareAndSwapModRevision(String key, long expectedModRevision, Object next) {
		byte[] fullKey = this.namespace.key(key);
		return swap(fullKey, Compare.modRevision(fullKey).equalTo(expectedModRevision), next);
	}

	/**
	 * Delete a key only if its value equals {@code expected}.
	 * @param key the key
	 * @param expected the value the key must have
	 * @return whether the key was deleted
	 */
	public boolean compareAndDelete(String key, Object expected) {
		byte[] fullKey = this.namespace.key(key);
		return this.client.kv()
			.txn(dev.etcdspring.client.kv.Txn.when(Compare.value(fullKey).equalTo(encode(expected)))
				.then(TxnOp.delete(DeleteRequest.key(fullKey))))
			.succeeded();
	}

	/**
	 * Delete a key only if its version is {@code expectedVersion}.
	 * @param key the key
	 * @param expectedVersion the version the key must have
	 * @return whether the key was deleted
	 */
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

	/**
	 * Start a transaction: conditions, then operations if they hold, otherwise others.
	 * {@code txn().ifValue("k", "a").thenPut("k", "b").otherwiseGet("k").commit()}.
	 * @return the transaction spec
	 */
	public EtcdTxnSpec txn() {
		return new EtcdTxnSpec(this);
	}

	// ---- bulk writes

	/**
	 * Start a bulk write: many puts and deletes, applied in transactions of bounded size,
	 * several at a time. Not atomic as a whole: see {@link EtcdBulkSpec}.
	 * {@code bulk().put("/a", a).put("/b", b).delete("/c").execute()}.
	 * @return the bulk spec
	 */
	public EtcdBulkSpec bulk() {
		return new EtcdBulkSpec(this);
	}

	/**
	 * Put every entry in a bulk write with the default settings. Not atomic as a whole:
	 * see {@link EtcdBulkSpec}.
	 * @param entries the keys and values (String, byte[], or any type the serializer
	 * writes)
	 * @return how many puts and transactions were applied, up to which revision
	 * @throws dev.etcdspring.client.exception.EtcdBulkException when a transaction
	 * failed: it lists the keys not surely put
	 */
	public EtcdBulkResult putAll(Map<String, ?> entries) {
		return bulk().putAll(entries).execute();
	}

	// ---- watches

	/**
	 * Start describing a watch of a key (or, with {@code prefix()}, of a prefix).
	 * {@code watch("/config/x").next(Duration.ofSeconds(30))} waits for the next change.
	 * @param key the key or prefix
	 * @return the watch spec
	 */
	public EtcdWatchSpec watch(String key) {
		Assert.notNull(key, "Key must not be null");
		return new EtcdWatchSpec(this, key);
	}

	/**
	 * Call {@code listener} for every change of {@code key} from now on.
	 * @param key the key
	 * @param listener the listener
	 * @return the running watch; close it to stop
	 */
	public Watch watch(String key, WatchListener listener) {
		return watch(key).subscribe(listener);
	}

	// ---- escape hatch and helpers

	/**
	 * Work with the client directly, for what the template does not offer. Keys there are
	 * not namespaced.
	 * @param <T> the result type
	 * @param callback the work
	 * @return its result
	 */
	public <T> T execute(EtcdCallback<T> callback) {
		return callback.doInEtcd(this.client);
	}

	/**
	 * Convert stored bytes (from a watch event, say) with this template's serializer.
	 * @param <T> the value type
	 * @param bytes the stored bytes
	 * @param type the value type
	 * @return the value
	 */
	public <T> T deserialize(byte[] bytes, Class<T> type) {
		return this.serializer.deserialize(bytes, type);
	}

	/**
	 * Return the client.
	 * @return the client
	 */
	public EtcdClient getClient() {
		return this.client;
	}

	/**
	 * Return the serializer.
	 * @return the serializer
	 */
	public EtcdSerializer getSerializer() {
		return this.serializer;
	}

	/**
	 * Return the namespace as the prefix every key is stored under, with one trailing
	 * {@code /} (such as {@code /myapp/}); empty for none.
	 * @return the namespace
	 */
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
