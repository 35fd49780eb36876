package dev.etcdspring.boot.autoconfigure.concurrency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.style.ToStringCreator;

/**
 * Configuration properties of the etcd lock registry, under {@code etcd.lock.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("etcd.lock")
public class EtcdLockProperties {

	/**
	 * Path put in front of every lock key to make the lock's name in etcd, as etcdctl
	 * lock takes it: the key orders is the lock /locks/orders.
	 */
	private String prefix = "/locks/";

	/**
	 * Time to live of the registry's session: locks acquired without a TTL of their own
	 * are held while the application lives and reaches etcd, and freed this long after it
	 * dies or is cut off. Whole seconds; to ride out a frozen member, at least 1.5 times
	 * etcd.request-timeout.
	 */
	private Duration ttl = Duration.ofSeconds(15);

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	@Override
	public String toString() {
		return new ToStringCreator(this).append("prefix", this.prefix).append("ttl", this.ttl).toString();
	}

}
