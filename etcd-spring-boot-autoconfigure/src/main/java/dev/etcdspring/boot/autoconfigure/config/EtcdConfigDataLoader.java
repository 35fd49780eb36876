package dev.etcdspring.boot.autoconfigure.config;

import java.util.List;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

/**
 * Loads an {@link EtcdConfigDataResource} through the application's
 * {@link EtcdConfigImports}: waits for etcd within {@code etcd.config.timeout} and
 * returns the path's property source, which the refresh keeps current afterwards.
 */
class EtcdConfigDataLoader implements ConfigDataLoader<EtcdConfigDataResource> {

	@Override
	public ConfigData load(ConfigDataLoaderContext context, EtcdConfigDataResource resource) {
		EtcdConfigImports imports = context.getBootstrapContext().get(EtcdConfigImports.class);
		EtcdConfigPropertySource source = imports.load(resource);
		// profile-specific sources go after (above) their location's, as Boot's own do
		return (resource.getProfile() != null) ? new ConfigData(List.of(source), ConfigData.Option.PROFILE_SPECIFIC)
				: new ConfigData(List.of(source));
	}

}
