package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.etcdspring.boot.autoconfigure.EtcdProperties;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code etcd:/path/} locations of {@code spring.config.import}: the path
 * itself, and for each profile its companion {@code /path-{profile}/} (the separator is
 * {@code etcd.config.profile-separator}). The first {@code etcd:} location also reads the
 * {@code etcd.*} settings, before the application context exists, and registers the
 * application's {@link EtcdConfigImports} in the bootstrap context.
 */
class EtcdConfigDataLocationResolver implements ConfigDataLocationResolver<EtcdConfigDataResource>, Ordered {

	static final String PREFIX = "etcd:";

	static final String BEAN_NAME = "etcdConfigImports";

	private final Log logger;

	private final ResourceLoader resourceLoader;

	EtcdConfigDataLocationResolver(DeferredLogFactory logFactory, ResourceLoader resourceLoader) {
		this.logger = logFactory.getLog(EtcdConfigDataLocationResolver.class);
		this.resourceLoader = resourceLoader;
	}

	@Override
	public int getOrder() {
		// before Boot's standard resolver, which takes any location
		return -1;
	}

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<EtcdConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) {
		String path = path(location);
		imports(context);
		return List.of(new EtcdConfigDataResource(path, path, null, location.isOptional()));
	}

	@Override
	public List<EtcdConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
			ConfigDataLocation location, Profiles profiles) {
		String path = path(location);
		String stem = path.substring(0, path.length() - 1) + imports(context).profileSeparator();
		List<EtcdConfigDataResource> resources = new ArrayList<>();
		for (String profile : profiles) {
			resources.add(new EtcdConfigDataResource(path, stem + profile + "/", profile, location.isOptional()));
		}
		return resources;
	}

	private static String path(ConfigDataLocation location) {
		String path = location.getNonPrefixedValue(PREFIX).strip();
		if (path.isEmpty() || path.equals("/")) {
			throw new EtcdConfigDataException(
					"spring.config.import=" + location + " names no etcd path: importing every key is not supported",
					"Name the path whose keys to import, such as etcd:/config/myapp/.", null);
		}
		// a path is a folder: /config/myapp must not take in /config/myapp2/
		return path.endsWith("/") ? path : path + "/";
	}

	private EtcdConfigImports imports(ConfigDataLocationResolverContext context) {
		ConfigurableBootstrapContext bootstrap = context.getBootstrapContext();
		if (!bootstrap.isRegistered(EtcdConfigImports.class)) {
			EtcdConfigImports imports = createImports(context.getBinder());
			bootstrap.register(EtcdConfigImports.class, InstanceSupplier.of(imports));
			bootstrap.addCloseListener(EtcdConfigDataLocationResolver::bootstrapClosed);
		}
		return bootstrap.get(EtcdConfigImports.class);
	}

	private EtcdConfigImports createImports(Binder binder) {
		EtcdProperties properties = binder.bind("etcd", EtcdProperties.class).orElseGet(EtcdProperties::new);
		EtcdProperties.Config config = properties.getConfig();
		Duration timeout = config.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new EtcdConfigDataException("etcd.config.timeout must be positive, was " + timeout,
					"Set etcd.config.timeout to a positive duration, such as 10s.", null);
		}
		String separator = config.getProfileSeparator();
		if (!StringUtils.hasLength(separator) || separator.contains("/")) {
			throw new EtcdConfigDataException(
					"etcd.config.profile-separator must be some text without a slash, was '" + separator + "'",
					"Set etcd.config.profile-separator to text such as - or , (the default is -).", null);
		}
		return new EtcdConfigImports(properties, sslBundles(binder, properties.getSsl().getBundle()),
				this.resourceLoader.getClassLoader(), this.logger);
	}

	/**
	 * The SSL bundle that {@code etcd.ssl.bundle} names, from the {@code spring.ssl.*}
	 * properties: the application's {@code SslBundles} bean does not exist yet.
	 */
	private @Nullable SslBundles sslBundles(Binder binder, @Nullable String name) {
		if (!StringUtils.hasText(name)) {
			return null;
		}
		SslProperties.Bundles bundles = binder.bind("spring.ssl", SslProperties.class)
			.orElseGet(SslProperties::new)
			.getBundle();
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		PemSslBundleProperties pem = bundles.getPem().get(name);
		JksSslBundleProperties jks = bundles.getJks().get(name);
		if (pem != null) {
			registry.registerBundle(name, PropertiesSslBundle.get(pem, this.resourceLoader));
		}
		else if (jks != null) {
			registry.registerBundle(name, PropertiesSslBundle.get(jks, this.resourceLoader));
		}
		return registry;
	}

	/**
	 * Hand the imports over to the application context, whose refresh follows them, or
	 * close them when nothing is to follow etcd.
	 */
	private static void bootstrapClosed(BootstrapContextClosedEvent event) {
		EtcdConfigImports imports = event.getBootstrapContext().get(EtcdConfigImports.class);
		if (imports.isEmpty()) {
			return;
		}
		if (!event.getApplicationContext()
			.getEnvironment()
			.getProperty("etcd.config.refresh.enabled", Boolean.class, true)) {
			imports.closeAfterStartup();
			return;
		}
		ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
		if (!beanFactory.containsSingleton(BEAN_NAME)) {
			beanFactory.registerSingleton(BEAN_NAME, imports);
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				// closed with the context: the mirrors' watches and the client go with it
				registry.registerDisposableBean(BEAN_NAME, imports);
			}
		}
	}

}
