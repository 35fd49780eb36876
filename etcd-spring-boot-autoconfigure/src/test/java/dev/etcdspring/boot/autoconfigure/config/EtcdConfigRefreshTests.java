package dev.etcdspring.boot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AppProperties;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AtomicProperties;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.AtomicRecord;
import dev.etcdspring.boot.autoconfigure.config.ConfigTestApplication.Events;
import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.mirror.EtcdMirror;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After startup the imported properties follow etcd: each revision is applied whole, to
 * the environment, the beans and the snapshots; what does not bind is reported and leaves
 * the old values; a deleted key gives the property its default back.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdConfigRefreshTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int TRANSACTIONS = 1000;

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	static EtcdClient client;

	static EtcdTemplate template;

	final String root = "/refresh-" + UUID.randomUUID() + "/app/";

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
	void refreshWhenATransactionChangesThreeKeysShouldNeverShowAMixOfOldAndNew() throws InterruptedException {
		put("0");
		try (ConfigurableApplicationContext context = run()) {
			AtomicProperties bean = context.getBean(AtomicProperties.class);
			ConfigurationPropertiesSnapshots snapshots = context.getBean(ConfigurationPropertiesSnapshots.class);
			assertThat(snapshots.get(AtomicProperties.class)).isNotSameAs(bean);
			Events events = following(context);
			AtomicBoolean stop = new AtomicBoolean();
			AtomicReference<String> mix = new AtomicReference<>();
			Set<String> seen = ConcurrentHashMap.newKeySet();
			List<Thread> readers = List.of(reader("locked-bean", stop, mix, seen, () -> {
				synchronized (bean) {
					return List.of(bean.getA(), bean.getB(), bean.getC());
				}
			}), reader("bean-snapshot", stop, mix, seen, () -> {
				AtomicProperties snapshot = snapshots.get(AtomicProperties.class);
				return List.of(snapshot.getA(), snapshot.getB(), snapshot.getC());
			}), reader("record-snapshot", stop, mix, seen, () -> {
				AtomicRecord snapshot = snapshots.get(AtomicRecord.class);
				return List.of(snapshot.a(), snapshot.b(), snapshot.c());
			}));
			readers.forEach(Thread::start);
			List<Long> revisions = new ArrayList<>();
			try {
				for (int i = 1; i <= TRANSACTIONS; i++) {
					revisions.add(put(String.valueOf(i)));
				}
				long last = revisions.get(revisions.size() - 1);
				await("the last transaction applied").atMost(WAIT).until(() -> events.lastRevision() == last);
			}
			finally {
				stop.set(true);
				for (Thread reader : readers) {
					reader.join(10_000);
				}
			}
			assertThat(mix.get()).as("a reader saw values of two revisions").isNull();
			assertThat(seen).as("values the readers saw while etcd changed").hasSizeGreaterThan(2);
			assertThat(events.changed).extracting(EtcdConfigChangedEvent::getRevision)
				.as("one event per transaction, carrying its revision")
				.containsExactlyElementsOf(revisions);
			assertThat(events.changed)
				.allSatisfy((event) -> assertThat(event.getKeys()).containsExactly("atomic.a", "atomic.b", "atomic.c"));
			String last = String.valueOf(TRANSACTIONS);
			assertThat(List.of(bean.getA(), bean.getB(), bean.getC())).containsOnly(last);
			assertThat(snapshots.get(AtomicRecord.class)).isEqualTo(new AtomicRecord(last, last, last));
			assertThat(context.getEnvironment().getProperty("atomic.b")).isEqualTo(last);
		}
	}

	@Test
	void refreshWhenAValueDoesNotBindShouldKeepTheOldValuesAndReportIt(CapturedOutput output) {
		template.put(this.root + "app.greeting", "old");
		template.put(this.root + "app.size", "2");
		try (ConfigurableApplicationContext context = run()) {
			AppProperties app = context.getBean(AppProperties.class);
			Events events = following(context);
			long bad = template.txn()
				.thenPut(this.root + "app.greeting", "new")
				.thenPut(this.root + "app.size", "not a number")
				.commit()
				.revision();
			await().atMost(WAIT).until(() -> !events.failed.isEmpty());
			EtcdConfigRefreshFailedEvent failure = events.failed.get(0);
			assertThat(failure.getRevision()).isEqualTo(bad);
			assertThat(failure.getKeys()).containsExactly("app.greeting", "app.size");
			assertThat(failure.getException()).hasMessageContaining("app");
			assertThat(output).contains("ERROR").contains("Could not apply etcd revision " + bad);
			assertThat(app.getGreeting()).isEqualTo("old");
			assertThat(app.getSize()).isEqualTo(2);
			assertThat(context.getEnvironment().getProperty("app.greeting")).as("the environment too").isEqualTo("old");
			assertThat(events.changed).isEmpty();

			long fixed = template.put(this.root + "app.size", "5");
			await().atMost(WAIT).until(() -> events.lastRevision() == fixed);
			assertThat(events.changed.get(0).getKeys()).containsExactly("app.greeting", "app.size");
			assertThat(app.getGreeting()).isEqualTo("new");
			assertThat(app.getSize()).isEqualTo(5);
		}
	}

	@Test
	void refreshWhenKeysAreDeletedShouldGiveTheirPropertiesTheirDefaultsBack() {
		template.put(this.root + "app.greeting", "hello");
		template.put(this.root + "app/db/pool-size", "3");
		template.put(this.root + "app/db/hosts", "h1,h2");
		try (ConfigurableApplicationContext context = run()) {
			AppProperties app = context.getBean(AppProperties.class);
			AppProperties.Db db = app.getDb();
			assertThat(db.getHosts()).containsExactly("h1", "h2");
			following(context);
			long revision = template.txn()
				.thenDelete(this.root + "app.greeting")
				.thenDelete(this.root + "app/db/pool-size")
				.thenPut(this.root + "app/db/hosts", "h3")
				.commit()
				.revision();
			await().atMost(WAIT).until(() -> context.getBean(Events.class).lastRevision() == revision);
			assertThat(app.getGreeting()).isEqualTo("default greeting");
			assertThat(app.getDb()).as("a final nested object is updated in place").isSameAs(db);
			assertThat(db.getPoolSize()).isEqualTo(10);
			assertThat(db.getHosts()).containsExactly("h3");
			assertThat(context.getEnvironment().containsProperty("app.greeting")).isFalse();
		}
	}

	@Test
	void refreshWhenDisabledShouldKeepTheValuesReadAtStartup() {
		template.put(this.root + "app.greeting", "startup");
		try (ConfigurableApplicationContext context = run("--etcd.config.refresh.enabled=false")) {
			AppProperties app = context.getBean(AppProperties.class);
			assertThat(context.getBeanNamesForType(EtcdConfigRefresher.class)).isEmpty();
			long changed = template.put(this.root + "app.greeting", "later");
			try (EtcdMirror witness = EtcdMirror.create(client, this.root)) {
				assertThat(witness.awaitRevision(changed, WAIT)).isTrue();
			}
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
			assertThat(app.getGreeting()).isEqualTo("startup");
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("startup");
			assertThat(context.getBean(Events.class).changed).isEmpty();
		}
	}

	/**
	 * Wait until the application follows etcd (its watch starts with the context), so
	 * that each later transaction is its own refresh; then forget the events so far.
	 */
	private Events following(ConfigurableApplicationContext context) {
		Events events = context.getBean(Events.class);
		long revision = template.put(this.root + "following", "yes");
		await("the import follows etcd").atMost(WAIT).until(() -> events.lastRevision() >= revision);
		events.changed.clear();
		return events;
	}

	private long put(String value) {
		return template.txn()
			.thenPut(this.root + "atomic.a", value)
			.thenPut(this.root + "atomic.b", value)
			.thenPut(this.root + "atomic.c", value)
			.commit()
			.revision();
	}

	private ConfigurableApplicationContext run(String... args) {
		List<String> all = new ArrayList<>(
				List.of("--spring.config.import=etcd:" + this.root, "--etcd.endpoints=" + etcd.endpoint()));
		all.addAll(List.of(args));
		return ConfigTestApplication.run(all.toArray(new String[0]));
	}

	private static Thread reader(String name, AtomicBoolean stop, AtomicReference<String> mix, Set<String> seen,
			java.util.function.Supplier<List<String>> read) {
		Thread thread = new Thread(() -> {
			while (!stop.get()) {
				List<String> values = read.get();
				if (!values.get(0).equals(values.get(1)) || !values.get(1).equals(values.get(2))) {
					mix.compareAndSet(null, name + " read " + values);
				}
				seen.add(values.get(0));
			}
		}, name);
		thread.setDaemon(true);
		return thread;
	}

}
