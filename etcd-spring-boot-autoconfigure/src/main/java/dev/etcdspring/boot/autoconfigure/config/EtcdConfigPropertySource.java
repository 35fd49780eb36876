package dev.etcdspring.boot.autoconfigure.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The properties of one imported etcd path. Its content is an immutable map that is
 * replaced whole, so a lookup sees one etcd revision's properties, and all properties a
 * transaction changed change together. Only the refresh replaces it, one revision at a
 * time.
 */
final class EtcdConfigPropertySource extends EnumerablePropertySource<EtcdConfigDataResource>
		implements OriginLookup<String> {

	private volatile Content content;

	EtcdConfigPropertySource(EtcdConfigDataResource resource, Content content) {
		super(resource.toString(), resource);
		this.content = content;
	}

	@Override
	public String[] getPropertyNames() {
		// the same array while nothing changed: Boot's binder caches its mapping by it
		return this.content.names();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		Object value = this.content.properties().get(name);
		return (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
	}

	@Override
	public boolean containsProperty(String name) {
		return this.content.properties().containsKey(name);
	}

	@Override
	public @Nullable Origin getOrigin(String name) {
		return (this.content.properties().get(name) instanceof OriginTrackedValue tracked) ? tracked.getOrigin() : null;
	}

	Content content() {
		return this.content;
	}

	void replace(Content content) {
		this.content = content;
	}

	/**
	 * One revision's properties.
	 *
	 * @param revision the etcd revision they were read at; 0 when nothing was read yet
	 * @param properties property name to value (an {@link OriginTrackedValue})
	 * @param names the property names, as an array for {@link #getPropertyNames()}
	 */
	record Content(long revision, Map<String, Object> properties, String[] names) {

		static final Content NONE = of(0, Map.of());

		static Content of(long revision, Map<String, Object> properties) {
			return new Content(revision, Map.copyOf(properties), properties.keySet().toArray(new String[0]));
		}

		Content at(long laterRevision) {
			return new Content(laterRevision, this.properties, this.names);
		}

	}

}
