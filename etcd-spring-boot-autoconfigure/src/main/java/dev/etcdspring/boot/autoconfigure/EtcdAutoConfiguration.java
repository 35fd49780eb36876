package dev.etcdspring.boot.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import dev.etcdspring.boot.autoconfigure.InvalidEtcdSettingException.Setting;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.kv.CoalescingMetrics;
import dev.etcdspring.client.template.EtcdOperations;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.watch.WatchMetrics;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for etcd: an {@link EtcdClient} built from
 * {@link EtcdConnectionDetails} and {@link EtcdProperties}, and an {@link EtcdTemplate}
 * around it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(EtcdClient.class)
@EnableConfigurationProperties(EtcdProperties.class)
@Import(EtcdRestClientTransportConfiguration.class)
public final class EtcdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EtcdConnectionDetails.class)
	PropertiesEtcdConnectionDetails etcdConnectionDetails(EtcdProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesEtcdConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EtcdClient etcdClient(EtcdConnectionDetails connectionDetails, EtcdProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<WatchMetrics> watchMetrics,
			ObjectProvider<CoalescingMetrics> coalescingMetrics, ObjectProvider<EtcdClientCustomizer> customizers,
			ResourceLoader resourceLoader) {
		return new EtcdClientFactory(connectionDetails, properties, resourceLoader.getClassLoader())
			.create((builder) -> {
				observationRegistry.ifUnique(builder::observationRegistry);
				watchMetrics.ifUnique(builder::watchMetrics);
				coalescingMetrics.ifUnique(builder::coalescingMetrics);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			});
	}

	@Bean
	@ConditionalOnSingleCandidate(EtcdClient.class)
	EtcdStartupCheck etcdStartupCheck(EtcdClient etcdClient, EtcdConnectionDetails connectionDetails,
			EtcdProperties properties) {
		Duration timeout = properties.getStartup().getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidEtcdSettingException(Setting.STARTUP_TIMEOUT, null,
					new IllegalArgumentException("etcd.startup.timeout must be positive, was " + timeout));
		}
		return new EtcdStartupCheck(etcdClient, StringUtils.hasText(connectionDetails.getUsername()),
				properties.getStartup().isFailFast(), timeout);
	}

	@Bean
	@ConditionalOnMissingBean(EtcdOperations.class)
	@ConditionalOnSingleCandidate(EtcdClient.class)
	EtcdTemplate etcdTemplate(EtcdClient etcdClient, EtcdProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		// the application's mapper: values get the JSON style of the rest of the app
		EtcdSerializer serializer = EtcdSerializer.standard(jsonMapper.getIfAvailable(JsonMapper::new));
		return new EtcdTemplate(etcdClient, serializer, properties.getNamespace());
	}

	/**
	 * Actuator shows no property values unless told to ({@code show-values}); when it is,
	 * the etcd password still stays hidden.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class EtcdSanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "etcdPasswordSanitizingFunction")
		SanitizingFunction etcdPasswordSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyMatches(EtcdSanitizingConfiguration::isEtcdPassword);
		}

		/**
		 * Match etcd.password in any of its relaxed forms: ETCD_PASSWORD from the
		 * environment, etcd.password in configprops or in a property file.
		 */
		static boolean isEtcdPassword(String key) {
			String canonical = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
			return canonical.equals("etcd.password");
		}

	}

}
