package dev.etcdspring.client.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.etcdspring.client.EtcdClient;

import org.springframework.util.Assert;

/**
 * Describes an {@link EtcdMirror} before it starts:
 * {@link EtcdMirror#builder(EtcdClient)}.
 *
 * @since 0.1.0
 */
public final class EtcdMirrorBuilder {

	private final EtcdClient client;

	private String prefix = "";

	private String namespace = "";

	private Predicate<String> filter = (key) -> true;

	private final List<MirrorListener> listeners = new ArrayList<>();

	EtcdMirrorBuilder(EtcdClient client) {
		Assert.notNull(client, "EtcdClient must not be null");
		this.client = client;
	}

	/**
	 * Mirror the keys under {@code prefix}.
	 * @param prefix the prefix, such as {@code /config/}; empty (the default) for every
	 * key of the namespace
	 * @return this builder
	 */
	public EtcdMirrorBuilder prefix(String prefix) {
		Assert.notNull(prefix, "Prefix must not be null");
		this.prefix = prefix;
		return this;
	}

	/**
	 * Look the prefix up under a namespace, as {@code EtcdTemplate} does: exactly one
	 * {@code /} joins them, and the keys the mirror shows come without it.
	 * @param namespace the namespace, such as {@code /myapp}; empty for none
	 * @return this builder
	 */
	public EtcdMirrorBuilder namespace(String namespace) {
		Assert.notNull(namespace, "Namespace must not be null");
		this.namespace = namespace;
		return this;
	}

	/**
	 * Keep only the keys that pass {@code filter}; the others are read and watched but
	 * take no memory and cause no change.
	 * @param filter tested with each key (without the namespace)
	 * @return this builder
	 */
	public EtcdMirrorBuilder filter(Predicate<String> filter) {
		Assert.notNull(filter, "Filter must not be null");
		this.filter = filter;
		return this;
	}

	/**
	 * Tell {@code listener} of every change, the first load included.
	 * @param listener the listener
	 * @return this builder
	 */
	public EtcdMirrorBuilder listener(MirrorListener listener) {
		Assert.notNull(listener, "MirrorListener must not be null");
		this.listeners.add(listener);
		return this;
	}

	/**
	 * Start the mirror. Returns at once; the first read happens in the background and is
	 * retried until etcd answers.
	 * @return the running mirror; close it to stop
	 */
	public EtcdMirror start() {
		EtcdMirror mirror = new EtcdMirror(this.prefix, new MirrorKeys(this.namespace, this.prefix, this.filter),
				this.listeners);
		mirror.start(this.client);
		return mirror;
	}

}
