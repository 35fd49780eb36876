package dev.etcdspring.boot.autoconfigure.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.mirror.MirrorSnapshot;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * How the keys under an imported path become properties. A key is one property: the
 * path's segments after the imported path, joined with dots ({@code server/port} and
 * {@code server.port} both give {@code server.port}), its value the key's value as UTF-8.
 * A key whose name ends in an extension that one of Boot's {@link PropertySourceLoader}s
 * reads ({@code .yml}, {@code .yaml}, {@code .properties}, {@code .xml}) holds a whole
 * document instead; its properties are put under the key's folders, if any. Documents
 * come first, in key order, so that single keys override them.
 * <p>
 * Parsed documents are kept by key and revision: a change re-parses only what changed.
 */
final class ConfigKeys {

	private static final String ACTIVATE_PREFIX = "spring.config.activate.";

	private final List<PropertySourceLoader> loaders;

	private final Log logger;

	/** Parsed documents by key, for as long as their revision stays. */
	private final Map<String, Document> documents = new HashMap<>();

	ConfigKeys(@Nullable ClassLoader classLoader, Log logger) {
		this.loaders = SpringFactoriesLoader.loadFactories(PropertySourceLoader.class, classLoader);
		this.logger = logger;
	}

	/**
	 * Read the properties of the keys under {@code path}.
	 * @throws IllegalStateException when a document cannot be parsed; the message names
	 * the key
	 */
	synchronized EtcdConfigPropertySource.Content read(MirrorSnapshot snapshot, String path) {
		Map<String, KeyValue> keys = new TreeMap<>();
		snapshot.entries().forEach((key, kv) -> {
			if (key.startsWith(path) && key.length() > path.length()) {
				keys.put(key, kv);
			}
		});
		Map<String, Object> properties = new LinkedHashMap<>();
		Map<String, Document> parsed = new HashMap<>();
		keys.forEach((key, kv) -> {
			PropertySourceLoader loader = loaderFor(key);
			if (loader != null) {
				Document document = parse(loader, key, kv);
				parsed.put(key, document);
				String prefix = propertyName(folderOf(key.substring(path.length())));
				document.properties()
					.forEach((name, value) -> properties.put(prefix.isEmpty() ? name : prefix + "." + name, value));
			}
		});
		keys.forEach((key, kv) -> {
			if (loaderFor(key) == null) {
				String name = propertyName(key.substring(path.length()));
				if (!name.isEmpty()) {
					properties.put(name,
							OriginTrackedValue.of(kv.valueAsString(), new EtcdKeyOrigin(key, kv.modRevision())));
				}
			}
		});
		this.documents.keySet().removeIf((key) -> key.startsWith(path) && !parsed.containsKey(key));
		this.documents.putAll(parsed);
		return EtcdConfigPropertySource.Content.of(snapshot.revision(), properties);
	}

	private Document parse(PropertySourceLoader loader, String key, KeyValue kv) {
		Document cached = this.documents.get(key);
		if (cached != null && cached.modRevision() == kv.modRevision()) {
			return cached;
		}
		Origin keyOrigin = new EtcdKeyOrigin(key, kv.modRevision());
		List<PropertySource<?>> sources;
		try {
			sources = loader.load(key, new ByteArrayResource(kv.value(), keyOrigin.toString()));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					keyOrigin + " does not hold a valid document for its extension: " + ex.getMessage(), ex);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		for (PropertySource<?> source : sources) {
			if (source instanceof EnumerablePropertySource<?> enumerable && !isConditional(key, enumerable)) {
				for (String name : enumerable.getPropertyNames()) {
					Origin origin = OriginLookup.getOrigin(enumerable, name);
					properties.put(name,
							OriginTrackedValue.of(enumerable.getProperty(name), (origin != null) ? origin : keyOrigin));
				}
			}
		}
		return new Document(kv.modRevision(), properties);
	}

	/**
	 * Whether a document asks to be activated by a profile or platform: Boot decides that
	 * for its own files only, so such a document is left out, with a warning.
	 */
	private boolean isConditional(String key, EnumerablePropertySource<?> document) {
		for (String name : document.getPropertyNames()) {
			if (name.startsWith(ACTIVATE_PREFIX)) {
				this.logger.warn("Ignoring a document of etcd key '" + key + "': it sets " + name
						+ ", which etcd imports do not support; put profile-specific properties under the "
						+ "profile-specific path instead");
				return true;
			}
		}
		return false;
	}

	private @Nullable PropertySourceLoader loaderFor(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		int slash = lower.lastIndexOf('/');
		for (PropertySourceLoader loader : this.loaders) {
			for (String extension : loader.getFileExtensions()) {
				if (lower.endsWith("." + extension) && lower.length() - extension.length() - 1 > slash + 1) {
					return loader;
				}
			}
		}
		return null;
	}

	private static String folderOf(String relativeKey) {
		int slash = relativeKey.lastIndexOf('/');
		return (slash >= 0) ? relativeKey.substring(0, slash) : "";
	}

	/** Segments joined with dots; empty segments (doubled slashes) dropped. */
	static String propertyName(String relativeKey) {
		List<String> segments = new ArrayList<>();
		for (String segment : relativeKey.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		return String.join(".", segments);
	}

	private record Document(long modRevision, Map<String, Object> properties) {
	}

}
