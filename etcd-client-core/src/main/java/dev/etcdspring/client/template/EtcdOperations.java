package dev.etcdspring.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.exception.EtcdException;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchListener;

/**
 * What {@link EtcdTemplate} does, as an interface: string keys, typed values, and the
 * operations applications need, each one call. Inject this type to mock or proxy the
 * template in tests, the way {@code RedisOperations} stands for {@code RedisTemplate}. A
 * missing key is an empty {@code Optional}, a failed comparison is {@code false}: neither
 * is an exception. Failures to talk to etcd are {@link EtcdException}s.
 *
 * @since 0.1.0
 * @see EtcdTemplate
 */
public interface EtcdOperations {

	/**
	 * Read a key's value as a string.
	 * @param key the key
	 * @return the value, or empty when the key does not exist
	 */
	Optional<String> get(String key);

	/**
	 * Read a key's value as {@code type}.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type (String, byte[], or any type the serializer reads)
	 * @return the value, or empty when the key does not exist
	 */
	<T> Optional<T> get(String key, Class<T> type);

	/**
	 * Read a binary key's value.
	 * @param key the key
	 * @return the value, or empty when the key does not exist
	 */
	Optional<byte[]> get(byte[] key);

	/**
	 * Read a key with its revisions, for a later compare-and-swap on version or revision.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type
	 * @return the entry, or empty when the key does not exist
	 */
	<T> Optional<EtcdEntry<T>> getEntry(String key, Class<T> type);

	/**
	 * List the keys under a prefix; the returned spec chooses limit, order, revision and
	 * result form. {@code list("/flags/").limit(10).entries(Flag.class)}.
	 * @param prefix the prefix; empty for every key (in the namespace)
	 * @return the listing spec
	 */
	EtcdListSpec list(String prefix);

	/**
	 * List the keys under a binary prefix.
	 * @param prefix the prefix
	 * @return the listing spec
	 */
	EtcdListSpec list(byte[] prefix);

	/**
	 * Put a value.
	 * @param key the key
	 * @param value the value (String, byte[], or any type the serializer writes)
	 * @return the revision of the put
	 */
	long put(String key, Object value);

	/**
	 * Put a binary value at a binary key.
	 * @param key the key
	 * @param value the value
	 * @return the revision of the put
	 */
	long put(byte[] key, byte[] value);

	/**
	 * Put a value that etcd deletes after {@code ttl} (a lease is granted for it; etcd
	 * rounds the TTL up to whole seconds and to its minimum). Putting the key again
	 * without a TTL makes it permanent.
	 * @param key the key
	 * @param value the value
	 * @param ttl how long the key lives
	 * @return the revision of the put
	 */
	long put(String key, Object value, Duration ttl);

	/**
	 * Put a value and return the one it replaced.
	 * @param <T> the value type
	 * @param key the key
	 * @param value the new value
	 * @param type the type of the previous value
	 * @return the previous value, or empty when the key did not exist
	 */
	<T> Optional<T> getAndPut(String key, Object value, Class<T> type);

	/**
	 * Put a value only if the key does not exist.
	 * @param key the key
	 * @param value the value
	 * @return whether the value was put
	 */
	boolean putIfAbsent(String key, Object value);

	/**
	 * Delete a key.
	 * @param key the key
	 * @return whether the key existed
	 */
	boolean delete(String key);

	/**
	 * Delete a binary key.
	 * @param key the key
	 * @return whether the key existed
	 */
	boolean delete(byte[] key);

	/**
	 * Delete a key and return its value.
	 * @param <T> the value type
	 * @param key the key
	 * @param type the value type
	 * @return the deleted value, or empty when the key did not exist
	 */
	<T> Optional<T> getAndDelete(String key, Class<T> type);

	/**
	 * Delete every key under a prefix. An empty prefix is allowed only with a namespace,
	 * where it clears the namespace.
	 * @param prefix the prefix
	 * @return how many keys were deleted
	 */
	long deletePrefix(String prefix);

	/**
	 * Delete every key under a prefix and return what was deleted.
	 * @param <T> the value type
	 * @param prefix the prefix, not empty
	 * @param type the value type
	 * @return the deleted entries
	 */
	<T> List<EtcdEntry<T>> getAndDeletePrefix(String prefix, Class<T> type);

	/**
	 * Replace a value only if it currently equals {@code expected}.
	 * @param key the key
	 * @param expected the value the key must have
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	boolean compareAndSwap(String key, Object expected, Object next);

	/**
	 * Replace a value only if the key's version is {@code expectedVersion} (0: it does
	 * not exist).
	 * @param key the key
	 * @param expectedVersion the version the key must have
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	boolean compareAndSwapVersion(String key, long expectedVersion, Object next);

	/**
	 * Replace a value only if the key was last changed at {@code expectedModRevision}.
	 * @param key the key
	 * @param expectedModRevision the revision of the key's last change
	 * @param next the new value
	 * @return whether the value was replaced
	 */
	boolean compareAndSwapModRevision(String key, long expectedModRevision, Object next);

	/**
	 * Delete a key only if its value equals {@code expected}.
	 * @param key the key
	 * @param expected the value the key must have
	 * @return whether the key was deleted
	 */
	boolean compareAndDelete(String key, Object expected);

	/**
	 * Delete a key only if its version is {@code expectedVersion}.
	 * @param key the key
	 * @param expectedVersion the version the key must have
	 * @return whether the key was deleted
	 */
	boolean compareAndDeleteVersion(String key, long expectedVersion);

	/**
	 * Start a transaction: conditions, then operations if they hold, otherwise others.
	 * {@code txn().ifValue("k", "a").thenPut("k", "b").otherwiseGet("k").commit()}.
	 * @return the transaction spec
	 */
	EtcdTxnSpec txn();

	/**
	 * Start a bulk write: many puts and deletes, applied in transactions of bounded size,
	 * several at a time. Not atomic as a whole: see {@link EtcdBulkSpec}.
	 * {@code bulk().put("/a", a).put("/b", b).delete("/c").execute()}.
	 * @return the bulk spec
	 */
	EtcdBulkSpec bulk();

	/**
	 * Put every entry in a bulk write with the default settings. Not atomic as a whole:
	 * see {@link EtcdBulkSpec}.
	 * @param entries the keys and values (String, byte[], or any type the serializer
	 * writes)
	 * @return how many puts and transactions were applied, up to which revision
	 * @throws dev.etcdspring.client.exception.EtcdBulkException when a transaction
	 * failed: it lists the keys not surely put
	 */
	EtcdBulkResult putAll(Map<String, ?> entries);

	/**
	 * Start describing a watch of a key (or, with {@code prefix()}, of a prefix).
	 * {@code watch("/config/x").next(Duration.ofSeconds(30))} waits for the next change.
	 * @param key the key or prefix
	 * @return the watch spec
	 */
	EtcdWatchSpec watch(String key);

	/**
	 * Call {@code listener} for every change of {@code key} from now on.
	 * @param key the key
	 * @param listener the listener
	 * @return the running watch; close it to stop
	 */
	Watch watch(String key, WatchListener listener);

	/**
	 * Start a mirror of the keys under {@code prefix}: a local copy kept current by a
	 * watch, for reads from memory ({@code mirror.get(key)}) that never wait for etcd.
	 * Keys are relative to the namespace, as everywhere in the template. The first read
	 * runs in the background: {@link EtcdMirror#awaitReady(Duration)} waits for it.
	 * @param prefix the prefix, such as {@code /flags/}; empty for the whole namespace
	 * @return the running mirror; close it to stop its watch
	 * @since 0.1.0
	 */
	EtcdMirror mirror(String prefix);

	/**
	 * Work with the client directly, for what the template does not offer. Keys there are
	 * not namespaced.
	 * @param <T> the result type
	 * @param callback the work
	 * @return its result
	 */
	<T> T execute(EtcdCallback<T> callback);

	/**
	 * Convert stored bytes (from a watch event, say) with this template's serializer.
	 * @param <T> the value type
	 * @param bytes the stored bytes
	 * @param type the value type
	 * @return the value
	 */
	<T> T deserialize(byte[] bytes, Class<T> type);

	/**
	 * Return the client.
	 * @return the client
	 */
	EtcdClient getClient();

	/**
	 * Return the serializer.
	 * @return the serializer
	 */
	EtcdSerializer getSerializer();

	/**
	 * Return the namespace as the prefix every key is stored under, with one trailing
	 * {@code /} (such as {@code /myapp/}); empty for none.
	 * @return the namespace
	 */
	String getNamespace();

}
