package dev.etcdspring.boot.autoconfigure.concurrency;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.integration.EtcdLockRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of an {@link EtcdLockRegistry} when Spring Integration is on the
 * classpath, unless the application defines a {@link LockRegistry} of its own. Creating
 * it does not talk to etcd: its session starts with the first lock.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass({ LockRegistry.class, EtcdLockRegistry.class })
@ConditionalOnSingleCandidate(EtcdClient.class)
@EnableConfigurationProperties(EtcdLockProperties.class)
public final class EtcdLockRegistryAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(LockRegistry.class)
	EtcdLockRegistry etcdLockRegistry(EtcdClient etcdClient, EtcdLockProperties properties) {
		return new EtcdLockRegistry(etcdClient, properties.getPrefix(), properties.getTtl());
	}

}
