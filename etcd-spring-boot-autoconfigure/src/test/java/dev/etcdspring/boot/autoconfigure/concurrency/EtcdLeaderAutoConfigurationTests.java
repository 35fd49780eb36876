package dev.etcdspring.boot.autoconfigure.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.boot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.integration.EtcdCandidateListener;
import dev.etcdspring.client.leader.EtcdLeaderEvent;
import dev.etcdspring.client.leader.EtcdLeaderGrantedEvent;
import dev.etcdspring.client.leader.EtcdLeaderInitiator;
import dev.etcdspring.client.leader.EtcdLeaderRevokedEvent;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdLeaderAutoConfiguration}.
 */
class EtcdLeaderAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdLeaderAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpoint());

	@Test
	void initiatorWhenNotEnabledShouldNotBeDefined() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(EtcdLeaderInitiator.class)
			.doesNotHaveBean(EtcdCandidateListener.class));
	}

	@Test
	void initiatorWhenEnabledShouldCampaignAsTheApplicationAndPublishEvents() {
		this.contextRunner
			.withPropertyValues("etcd.leader.enabled=true", "spring.application.name=billing", "etcd.leader.ttl=5s")
			.withUserConfiguration(EventRecorder.class)
			.run((context) -> {
				EtcdLeaderInitiator initiator = context.getBean(EtcdLeaderInitiator.class);
				assertThat(initiator.getName()).isEqualTo("/elections/billing");
				assertThat(initiator.getValue()).startsWith("billing@").endsWith(":" + ProcessHandle.current().pid());
				assertThat(initiator.getTtl()).isEqualTo(Duration.ofSeconds(5));
				List<ApplicationEvent> events = context.getBean(EventRecorder.class).events;
				await().atMost(TIMEOUT).until(() -> !events.isEmpty());
				assertThat(events).singleElement().isInstanceOf(EtcdLeaderGrantedEvent.class);
				assertThat(etcd.etcdctl("get", "--prefix", "--print-value-only", "/elections/billing/").stdout())
					.isEqualTo(initiator.getValue() + "\n");
				context.close();
				assertThat(events).hasSize(2).last().isInstanceOf(EtcdLeaderRevokedEvent.class);
				assertThat(etcd.etcdctl("get", "--prefix", "/elections/billing/").stdout()).isEmpty();
			});
	}

	@Test
	void initiatorShouldBindItsProperties() {
		this.contextRunner
			.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.name=/elections/custom",
					"etcd.leader.value=node-1")
			.run((context) -> {
				EtcdLeaderInitiator initiator = context.getBean(EtcdLeaderInitiator.class);
				assertThat(initiator.getName()).isEqualTo("/elections/custom");
				assertThat(initiator.getValue()).isEqualTo("node-1");
				assertThat(initiator.getTtl()).isEqualTo(Duration.ofSeconds(15));
			});
	}

	@Test
	void initiatorWhenTheApplicationDefinesOneShouldBackOff() {
		this.contextRunner.withPropertyValues("etcd.leader.enabled=true")
			.withUserConfiguration(UserInitiator.class)
			.run((context) -> assertThat(context).getBean(EtcdLeaderInitiator.class)
				.extracting(EtcdLeaderInitiator::getName)
				.isEqualTo("/elections/mine"));
	}

	@Test
	void candidateShouldBeToldOfLeadershipWithSpringIntegrationEvents() {
		this.contextRunner.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.name=/elections/si")
			.withUserConfiguration(CandidateConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EtcdCandidateListener.class);
				CandidateConfiguration candidates = context.getBean(CandidateConfiguration.class);
				await().atMost(TIMEOUT).until(() -> !candidates.events.isEmpty());
				AbstractLeaderEvent granted = candidates.events.get(0);
				assertThat(granted).isInstanceOf(OnGrantedEvent.class);
				assertThat(granted.getRole()).isEqualTo("billing-role");
				assertThat(candidates.calls).containsExactly("granted");
				granted.getContext().yield();
				await().atMost(TIMEOUT).until(() -> candidates.events.size() >= 2);
				assertThat(candidates.events.get(1)).isInstanceOf(OnRevokedEvent.class);
				assertThat(candidates.calls).startsWith("granted", "revoked");
			});
	}

	@Test
	void candidateWhenSpringIntegrationIsAbsentShouldBeLeftAloneAndTheInitiatorStillRun() {
		this.contextRunner.withPropertyValues("etcd.leader.enabled=true")
			.withClassLoader(new FilteredClassLoader(Candidate.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EtcdLeaderInitiator.class)
				.doesNotHaveBean(EtcdCandidateListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorder implements ApplicationListener<EtcdLeaderEvent> {

		final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(EtcdLeaderEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInitiator {

		@Bean
		EtcdLeaderInitiator myInitiator(EtcdClient client) {
			EtcdLeaderInitiator initiator = new EtcdLeaderInitiator(client, "/elections/mine");
			initiator.setAutoStartup(false);
			return initiator;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CandidateConfiguration implements ApplicationListener<AbstractLeaderEvent> {

		final List<AbstractLeaderEvent> events = new CopyOnWriteArrayList<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		Candidate candidate() {
			return new DefaultCandidate("node-a", "billing-role") {

				@Override
				public void onGranted(Context context) {
					CandidateConfiguration.this.calls.add("granted");
				}

				@Override
				public void onRevoked(Context context) {
					CandidateConfiguration.this.calls.add("revoked");
				}

			};
		}

		@Override
		public void onApplicationEvent(AbstractLeaderEvent event) {
			this.events.add(event);
		}

	}

}
