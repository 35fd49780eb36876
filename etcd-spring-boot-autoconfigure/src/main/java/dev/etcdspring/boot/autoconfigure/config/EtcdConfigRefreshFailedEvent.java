package dev.etcdspring.boot.autoconfigure.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an etcd revision's properties could not be applied: a value did not bind
 * or validate, or a document did not parse. Nothing of that revision was applied: the
 * property sources and the beans keep their previous values until a later revision
 * applies.
 *
 * @since 0.1.0
 */
public class EtcdConfigRefreshFailedEvent extends ApplicationEvent {

	private final long revision;

	private final Set<String> keys;

	private final Exception exception;

	/**
	 * Create an event.
	 * @param source the application context
	 * @param revision the etcd revision that could not be applied
	 * @param keys the names of the properties it would have changed (empty when a
	 * document did not parse)
	 * @param exception why it could not be applied
	 */
	public EtcdConfigRefreshFailedEvent(Object source, long revision, Set<String> keys, Exception exception) {
		super(source);
		this.revision = revision;
		this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
		this.exception = exception;
	}

	/**
	 * Return the etcd revision that was not applied.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

	/**
	 * Return the names of the properties the revision would have changed.
	 * @return the property names
	 */
	public Set<String> getKeys() {
		return this.keys;
	}

	/**
	 * Return why the revision could not be applied.
	 * @return the failure
	 */
	public Exception getException() {
		return this.exception;
	}

	@Override
	public String toString() {
		return "EtcdConfigRefreshFailedEvent[revision=" + this.revision + ", keys=" + this.keys + ", exception="
				+ this.exception + "]";
	}

}
