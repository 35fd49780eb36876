package dev.etcdspring.boot.autoconfigure.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * Published after an etcd revision changed imported properties: the
 * {@code spring.config.import=etcd:...} property sources show the new values, and the
 * {@code @ConfigurationProperties} beans under the changed names are rebound. Listeners
 * run on the thread that applied the change; the next revision waits for them.
 *
 * @since 0.1.0
 */
public class EtcdConfigChangedEvent extends ApplicationEvent {

	private final long revision;

	private final Set<String> keys;

	/**
	 * Create an event.
	 * @param source the application context
	 * @param revision the etcd revision now shown
	 * @param keys the names of the properties that were added, changed or removed, in the
	 * order to report them
	 */
	public EtcdConfigChangedEvent(Object source, long revision, Set<String> keys) {
		super(source);
		this.revision = revision;
		this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
	}

	/**
	 * Return the etcd revision whose values the properties now have.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

	/**
	 * Return the names of the properties that were added, changed or removed, such as
	 * {@code server.port}.
	 * @return the property names
	 */
	public Set<String> getKeys() {
		return this.keys;
	}

	@Override
	public String toString() {
		return "EtcdConfigChangedEvent[revision=" + this.revision + ", keys=" + this.keys + "]";
	}

}
