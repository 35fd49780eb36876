package dev.etcdspring.boot.autoconfigure.concurrency;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.integration.EtcdCandidateListener;
import dev.etcdspring.client.leader.EtcdLeaderInitiator;
import dev.etcdspring.client.leader.EtcdLeaderListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of an {@link EtcdLeaderInitiator} when {@code etcd.leader.enabled}
 * is {@code true}: it campaigns once the context has started, is told of leadership by
 * every {@link EtcdLeaderListener} bean, and publishes its events. With Spring
 * Integration and a single {@link Candidate} bean, the candidate is driven too and Spring
 * Integration's leader events are published for its role. Campaigning needs the property,
 * even with a candidate: a candidate may be meant for another initiator.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass(EtcdLeaderInitiator.class)
@ConditionalOnBooleanProperty("etcd.leader.enabled")
@ConditionalOnSingleCandidate(EtcdClient.class)
@EnableConfigurationProperties(EtcdLeaderProperties.class)
public final class EtcdLeaderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EtcdLeaderInitiator etcdLeaderInitiator(EtcdClient etcdClient, EtcdLeaderProperties properties,
			Environment environment, ObjectProvider<EtcdLeaderListener> listeners) {
		String application = environment.getProperty("spring.application.name");
		String name = properties.getName();
		if (name == null) {
			name = "/elections/" + ((application != null) ? application : "application");
		}
		EtcdLeaderInitiator initiator = new EtcdLeaderInitiator(etcdClient, name);
		initiator.setTtl(properties.getTtl());
		if (properties.getValue() != null) {
			initiator.setValue(properties.getValue());
		}
		else if (application != null) {
			initiator.setValue(application + "@" + initiator.getValue());
		}
		listeners.orderedStream().forEach(initiator::addListener);
		return initiator;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Candidate.class, EtcdCandidateListener.class })
	static class CandidateConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(Candidate.class)
		@ConditionalOnMissingBean
		EtcdCandidateListener etcdCandidateListener(Candidate candidate, ApplicationEventPublisher eventPublisher) {
			EtcdCandidateListener listener = new EtcdCandidateListener(candidate);
			listener.setLeaderEventPublisher(new DefaultLeaderEventPublisher(eventPublisher));
			return listener;
		}

	}

}
