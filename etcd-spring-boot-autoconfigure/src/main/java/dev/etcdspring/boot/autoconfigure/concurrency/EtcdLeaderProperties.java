package dev.etcdspring.boot.autoconfigure.concurrency;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.style.ToStringCreator;

/**
 * Configuration properties of leader election, under {@code etcd.leader.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("etcd.leader")
public class EtcdLeaderProperties {

	/**
	 * Whether the application campaigns for leadership in an etcd election while it runs,
	 * publishing EtcdLeaderGrantedEvent and EtcdLeaderRevokedEvent (and driving a Spring
	 * Integration Candidate bean, when there is one).
	 */
	private boolean enabled;

	/**
	 * Name of the election, as etcdctl elect takes it; its keys go under name + "/". By
	 * default /elections/ followed by spring.application.name (or "application").
	 */
	private @Nullable String name;

	/**
	 * Value the application campaigns with, shown as the leader's while it leads. By
	 * default spring.application.name@host:pid.
	 */
	private @Nullable String value;

	/**
	 * Time to live of the candidacy's lease: how long after the leader dies or is cut off
	 * from etcd another instance is elected. Whole seconds; to ride out a frozen member,
	 * at least 1.5 times etcd.request-timeout.
	 */
	private Duration ttl = Duration.ofSeconds(15);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getValue() {
		return this.value;
	}

	public void setValue(@Nullable String value) {
		this.value = value;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	@Override
	public String toString() {
		return new ToStringCreator(this).append("enabled", this.enabled)
			.append("name", this.name)
			.append("value", this.value)
			.append("ttl", this.ttl)
			.toString();
	}

}
