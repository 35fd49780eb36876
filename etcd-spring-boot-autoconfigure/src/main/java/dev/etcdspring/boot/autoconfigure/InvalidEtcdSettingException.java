package dev.etcdspring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A setting of the auto-configured client was refused: names the setting, and where it
 * came from, for {@link EtcdFailureAnalyzer}. The message is the cause's, which never
 * contains a password.
 */
final class InvalidEtcdSettingException extends IllegalArgumentException {

	private final Setting setting;

	private final @Nullable String connectionDetailsType;

	/**
	 * Create an exception.
	 * @param setting the refused setting
	 * @param connectionDetailsType the type of the {@link EtcdConnectionDetails} that
	 * supplied it, or {@code null} when it came from the {@code etcd.*} properties
	 * @param cause the builder's complaint
	 */
	InvalidEtcdSettingException(Setting setting, @Nullable String connectionDetailsType, RuntimeException cause) {
		super(cause.getMessage(), cause);
		this.setting = setting;
		this.connectionDetailsType = connectionDetailsType;
	}

	Setting getSetting() {
		return this.setting;
	}

	/**
	 * Return the type of the connection details bean that supplied the setting, or
	 * {@code null} when it is a property.
	 */
	@Nullable String getConnectionDetailsType() {
		return this.connectionDetailsType;
	}

	/**
	 * The client settings that can be refused, with the property each comes from and what
	 * to do about it.
	 */
	enum Setting {

		ENDPOINTS("etcd.endpoints", true,
				"Set etcd.endpoints to the client URLs of your etcd members, such as http://127.0.0.1:2379 "
						+ "(https://host:2379 with etcd.ssl.bundle for TLS)."),

		PASSWORD("etcd.password", true,
				"Set etcd.password to the password of the etcd user named by "
						+ "etcd.username, or remove etcd.username if etcd has no authentication."),

		SSL_BUNDLE("etcd.ssl.bundle", true,
				"Define an SSL bundle of that name under spring.ssl.bundle.pem.* or "
						+ "spring.ssl.bundle.jks.*, or set etcd.ssl.bundle to the name of an existing one."),

		CONNECT_TIMEOUT("etcd.connect-timeout", false, "Set etcd.connect-timeout to a positive duration, such as 2s."),

		REQUEST_TIMEOUT("etcd.request-timeout", false, "Set etcd.request-timeout to a positive duration, such as 10s."),

		MAX_ANSWER_SIZE("etcd.max-answer-size", false,
				"Set etcd.max-answer-size to a positive size of at most 2047MB, such as 64MB."),

		WATCH_PROBE_INTERVAL("etcd.watch.probe-interval", false,
				"Set etcd.watch.probe-interval to a positive duration, such as 2s."),

		WATCH_QUEUE_CAPACITY("etcd.watch.queue-capacity", false,
				"Set etcd.watch.queue-capacity to a positive number, such as 10000."),

		WATCH_START_TIMEOUT("etcd.watch.start-timeout", false,
				"Set etcd.watch.start-timeout to a positive duration, such as 2s."),

		COALESCING_CONCURRENCY("etcd.coalescing.concurrency", false,
				"Set etcd.coalescing.concurrency to a positive number, such as 4."),
		DISCOVERY_INTERVAL("etcd.discovery.interval", false,
				"Set etcd.discovery.interval to a positive duration, such as 30s."),

		TRANSPORT("etcd.transport", false,
				"Add org.springframework.boot:spring-boot-starter-restclient to the application's dependencies, "
						+ "or set etcd.transport=built-in."),

		STARTUP_TIMEOUT("etcd.startup.timeout", false, "Set etcd.startup.timeout to a positive duration, such as 10s.");

		private final String property;

		private final boolean fromConnectionDetails;

		private final String action;

		Setting(String property, boolean fromConnectionDetails, String action) {
			this.property = property;
			this.fromConnectionDetails = fromConnectionDetails;
			this.action = action;
		}

		String getProperty() {
			return this.property;
		}

		/**
		 * Whether {@link EtcdConnectionDetails} supplies this setting, rather than the
		 * properties alone.
		 */
		boolean isFromConnectionDetails() {
			return this.fromConnectionDetails;
		}

		String getAction() {
			return this.action;
		}

	}

}
