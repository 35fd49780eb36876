package dev.etcdspring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * {@link EtcdConnectionDetails} read from {@link EtcdProperties}.
 */
final class PropertiesEtcdConnectionDetails implements EtcdConnectionDetails {

	private final EtcdProperties properties;

	private final @Nullable SslBundles sslBundles;

	PropertiesEtcdConnectionDetails(EtcdProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public List<String> getEndpoints() {
		return this.properties.getEndpoints();
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new IllegalStateException("etcd.ssl.bundle is set to '" + name
					+ "' but the application has no SslBundles (Spring Boot's SslAutoConfiguration is not active)");
		}
		return this.sslBundles.getBundle(name);
	}

	@Override
	public String toString() {
		// never the password
		return "PropertiesEtcdConnectionDetails[endpoints=" + getEndpoints() + ", username=" + getUsername()
				+ ", password=" + ((getPassword() != null) ? "******" : null) + ", sslBundle="
				+ this.properties.getSsl().getBundle() + "]";
	}

}
