package dev.etcdspring.boot.autoconfigure.config;

import java.util.UUID;

import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AppProperties;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AtomicRecord;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.template.EtcdSerializer;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code spring.config.import=etcd:...} against a real etcd: plain keys, nested keys and
 * whole documents become properties, the profile-specific path is read with the location,
 * and the import keeps to its path and to the namespace.
 */
class EtcdConfigDataTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	static EtcdClient client;

	static EtcdTemplate template;

	final String root = "/config-" + UUID.randomUUID() + "/app";

	@BeforeAll
	static void connect() {
		client = EtcdClient.create(etcd.endpoint());
		template = new EtcdTemplate(client);
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void importWhenKeysArePlainOrNestedShouldBindThemAsProperties() {
		template.put(this.root + "/app.greeting", "hello");
		template.put(this.root + "/app/name", "etcd");
		template.put(this.root + "/app/db/pool-size", "42");
		template.put(this.root + "/app.tags", "a,b");
		// same start, other folder: not part of the import
		template.put(this.root + "2/app.size", "99");
		try (ConfigurableApplicationContext context = run("etcd:" + this.root)) {
			AppProperties app = context.getBean(AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("hello");
			assertThat(app.getName()).isEqualTo("etcd");
			assertThat(app.getDb().getPoolSize()).isEqualTo(42);
			assertThat(app.getTags()).containsExactly("a", "b");
			assertThat(app.getSize()).isEqualTo(1);
			PropertySource<?> source = context.getEnvironment().getPropertySources().get("etcd:" + this.root + "/");
			assertThat(source).isNotNull();
			assertThat(OriginLookup.getOrigin(source, "app.name"))
				.hasToString("etcd key '" + this.root + "/app/name' (revision "
						+ template.getEntry(this.root + "/app/name", String.class).orElseThrow().modRevision() + ")");
		}
	}

	@Test
	void importWhenAKeyHoldsADocumentShouldBindItsPropertiesBelowSingleKeys() {
		template.put(this.root + "/application.yml", """
				app:
				  greeting: from yaml
				  size: 3
				  tags: [x, y]
				atomic:
				  a: ya
				  b: yb
				  c: yc
				""");
		template.put(this.root + "/app.size", "4");
		template.put(this.root + "/app/db/pool.properties", "pool-size=7\nhosts=h1,h2\n");
		try (ConfigurableApplicationContext context = run("etcd:" + this.root + "/")) {
			AppProperties app = context.getBean(AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("from yaml");
			assertThat(app.getTags()).containsExactly("x", "y");
			assertThat(app.getSize()).as("a single key overrides a document").isEqualTo(4);
			assertThat(app.getDb().getPoolSize()).as("a document's folder prefixes its properties").isEqualTo(7);
			assertThat(app.getDb().getHosts()).containsExactly("h1", "h2");
			assertThat(context.getBean(AtomicRecord.class)).isEqualTo(new AtomicRecord("ya", "yb", "yc"));
		}
	}

	@Test
	void importWhenAProfileIsActiveShouldAlsoReadItsPathAndPreferIt() {
		template.put(this.root + "/app.greeting", "base");
		template.put(this.root + "/app.name", "base name");
		template.put(this.root + "-dev/app.greeting", "dev");
		template.put(this.root + "-prod/app.greeting", "prod");
		try (ConfigurableApplicationContext context = run("etcd:" + this.root, "--spring.profiles.active=dev")) {
			AppProperties app = context.getBean(AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("dev");
			assertThat(app.getName()).isEqualTo("base name");
			assertThat(context.getEnvironment().getPropertySources().get("etcd:" + this.root + "-dev/")).isNotNull();
		}
		try (ConfigurableApplicationContext context = run("etcd:" + this.root, "--spring.profiles.active=prod",
				"--etcd.config.profile-separator=,")) {
			assertThat(context.getBean(AppProperties.class).getGreeting()).isEqualTo("base");
		}
	}

	@Test
	void importShouldLookThePathUpUnderTheNamespace() {
		String namespace = "/ns-" + UUID.randomUUID();
		new EtcdTemplate(client, EtcdSerializer.standard(), namespace).put(this.root + "/app.greeting", "namespaced");
		template.put(this.root + "/app.greeting", "outside");
		try (ConfigurableApplicationContext context = run("etcd:" + this.root, "--etcd.namespace=" + namespace)) {
			assertThat(context.getBean(AppProperties.class).getGreeting()).isEqualTo("namespaced");
		}
	}

	@Test
	void importWhenADocumentDoesNotParseShouldFailNamingTheKey() {
		template.put(this.root + "/broken.yml", "app: [unclosed");
		assertThatException().isThrownBy(() -> run("etcd:" + this.root).close())
			.isInstanceOf(EtcdConfigDataException.class)
			.withMessageContaining("etcd key '" + this.root + "/broken.yml'")
			.withMessageContaining("does not hold a valid document");
	}

	@Test
	void importWhenThePathIsEmptyShouldStartWithTheDefaults() {
		try (ConfigurableApplicationContext context = run("etcd:" + this.root)) {
			assertThat(context.getBean(AppProperties.class).getGreeting()).isEqualTo("default greeting");
		}
	}

	private ConfigurableApplicationContext run(String location, String... args) {
		String[] all = new String[args.length + 2];
		all[0] = "--spring.config.import=" + location;
		all[1] = "--etcd.endpoints=" + etcd.endpoint();
		System.arraycopy(args, 0, all, 2, args.length);
		return ConfigTestApplication.run(all);
	}

}
