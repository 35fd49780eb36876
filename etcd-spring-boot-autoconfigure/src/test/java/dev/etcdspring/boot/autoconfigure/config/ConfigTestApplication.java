package dev.etcdspring.boot.autoconfigure.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The application the config import tests start: properties classes of each kind, and a
 * bean that records the refresh events.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties({ ConfigTestApplication.AppProperties.class,
		ConfigTestApplication.AtomicProperties.class, ConfigTestApplication.AtomicRecord.class })
class ConfigTestApplication {

	@Bean
	Events events() {
		return new Events();
	}

	/**
	 * Start the application, with no web server.
	 * @param args command-line arguments, such as {@code --etcd.endpoints=...}
	 * @return the running context; close it
	 */
	static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(ConfigTestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "management.health.etcd.enabled=false")
			.run(args);
	}

	/** Records the refresh events, in order. */
	static final class Events {

		final List<EtcdConfigChangedEvent> changed = new CopyOnWriteArrayList<>();

		final List<EtcdConfigRefreshFailedEvent> failed = new CopyOnWriteArrayList<>();

		@EventListener
		void changed(EtcdConfigChangedEvent event) {
			this.changed.add(event);
		}

		@EventListener
		void failed(EtcdConfigRefreshFailedEvent event) {
			this.failed.add(event);
		}

		long lastRevision() {
			return this.changed.isEmpty() ? 0 : this.changed.get(this.changed.size() - 1).getRevision();
		}

	}

	/** A JavaBean, with a nested object and a list as final fields, and defaults. */
	@ConfigurationProperties("app")
	static class AppProperties {

		private String greeting = "default greeting";

		private String name;

		private int size = 1;

		private List<String> tags = new ArrayList<>();

		private final Db db = new Db();

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

		public Db getDb() {
			return this.db;
		}

		static class Db {

			private int poolSize = 10;

			private final List<String> hosts = new ArrayList<>();

			public int getPoolSize() {
				return this.poolSize;
			}

			public void setPoolSize(int poolSize) {
				this.poolSize = poolSize;
			}

			public List<String> getHosts() {
				return this.hosts;
			}

		}

	}

	/** Three values that etcd always changes together. */
	@ConfigurationProperties("atomic")
	static class AtomicProperties {

		private String a = "init";

		private String b = "init";

		private String c = "init";

		public String getA() {
			return this.a;
		}

		public void setA(String a) {
			this.a = a;
		}

		public String getB() {
			return this.b;
		}

		public void setB(String b) {
			this.b = b;
		}

		public String getC() {
			return this.c;
		}

		public void setC(String c) {
			this.c = c;
		}

	}

	/** The same three values, constructor-bound. */
	@ConfigurationProperties("atomic")
	record AtomicRecord(String a, String b, String c) {
	}

}
