package dev.etcdspring.test.context;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for {@link LocalEtcd @LocalEtcd}, registered in
 * {@code META-INF/spring.factories}.
 */
class LocalEtcdContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		// honours meta-annotations and @Nested classes' enclosing classes
		LocalEtcd annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, LocalEtcd.class);
		if (annotation == null) {
			return null;
		}
		if (annotation.members() < 1) {
			throw new IllegalStateException(
					"@LocalEtcd on " + testClass.getName() + " needs at least one member, not " + annotation.members());
		}
		if (annotation.endpointsProperty().isBlank()) {
			throw new IllegalStateException("@LocalEtcd on " + testClass.getName() + " needs an endpointsProperty");
		}
		LocalEtcdServers.Key key = new LocalEtcdServers.Key(annotation.members(), List.of(annotation.args()),
				annotation.tls(), annotation.clientCertificates());
		if (key.tls() && annotation.sslBundle().isBlank()) {
			throw new IllegalStateException("@LocalEtcd on " + testClass.getName() + " needs an sslBundle with TLS");
		}
		// without TLS the bundle name is unused: leave it out of the cache key
		return new LocalEtcdContextCustomizer(key, annotation.endpointsProperty(),
				key.tls() ? annotation.sslBundle() : null);
	}

}
