package dev.etcdspring.docs.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.etcdspring.client.cluster.Member;
import dev.etcdspring.client.kv.SortOrder;
import dev.etcdspring.client.kv.SortTarget;
import dev.etcdspring.client.template.EtcdBulkResult;
import dev.etcdspring.client.template.EtcdEntry;
import dev.etcdspring.client.template.EtcdTemplate;
import dev.etcdspring.client.template.EtcdTxnResult;
import dev.etcdspring.client.watch.Watch;
import dev.etcdspring.client.watch.WatchEvent;

/**
 * The README's "EtcdTemplate by example": one sequence that runs as shown, in order
 * ({@link EtcdTemplateTourTests} runs it), and the bulk write example.
 */
class EtcdTemplateTour {

	// tag::records[]
	record Settings(String theme, int pageSize) {
	}

	record Feature(String name, boolean enabled) {
	}
	// end::records[]

	// tag::tour[]
	void tour(EtcdTemplate etcd) throws InterruptedException {
		// set a key, with a TTL (a lease is granted for you), read it back
		long revision = etcd.put("/config/a", "1");
		etcd.put("/config/b", "2");
		etcd.put("/sessions/42", "alice", Duration.ofSeconds(30));
		etcd.put("/settings/app", new Settings("dark", 50)); // stored as JSON
		Optional<String> a = etcd.get("/config/a"); // empty when missing
		Optional<Settings> s = etcd.get("/settings/app", Settings.class);
		// the value with its version and revisions
		Optional<EtcdEntry<String>> e = etcd.getEntry("/config/a", String.class);

		// directories are prefixes: keep one value type per prefix
		etcd.put("/features/search", new Feature("search", true));
		etcd.put("/features/export", new Feature("export", false));
		List<String> keys = etcd.list("/config/").keys(); // [/config/a, /config/b]
		Map<String, Settings> all = etcd.list("/settings/").asMap(Settings.class);
		List<EtcdEntry<Feature>> page = etcd.list("/features/")
			.limit(10)
			.sortBy(SortTarget.MOD, SortOrder.DESCEND)
			.entries(Feature.class);
		long count = etcd.list("/features/").count();
		Map<String, String> then = etcd.list("/config/").atRevision(revision).asMap(String.class); // {/config/a=1}
		etcd.list("/config/") // read page by page, one consistent revision
			.stream(String.class)
			.forEach((entry) -> System.out.println(entry.key() + " = " + entry.value()));

		// delete, with previous values
		boolean existed = etcd.delete("/config/a");
		Optional<String> old = etcd.getAndDelete("/config/b", String.class);
		long deleted = etcd.deletePrefix("/sessions/");
		Optional<String> previous = etcd.getAndPut("/config/a", "2", String.class); // empty

		// compare-and-swap on value, version or mod revision; compare-and-delete
		boolean swapped = etcd.compareAndSwap("/config/a", "2", "3");
		boolean created = etcd.putIfAbsent("/locks/job", "me");
		long modRevision = etcd.getEntry("/config/a", String.class).orElseThrow().modRevision();
		boolean updated = etcd.compareAndSwapModRevision("/config/a", modRevision, "4");
		boolean removed = etcd.compareAndDelete("/config/a", "4");

		// a general transaction
		etcd.put("/accounts/a", "100");
		EtcdTxnResult tx = etcd.txn()
			.ifValue("/accounts/a", "100")
			.ifAbsent("/accounts/b")
			.thenDelete("/accounts/a")
			.thenPut("/accounts/b", "100")
			.otherwiseGet("/accounts/a")
			.commit();

		// wait for the next change (from a revision: at once if there is one), or be
		// called for every change until the watch is closed
		Optional<WatchEvent> next = etcd.watch("/config/a").fromRevision(revision).next(Duration.ofSeconds(30));
		BlockingQueue<WatchEvent> changes = new LinkedBlockingQueue<>();
		try (Watch watch = etcd.watch("/config/").prefix().withPrevValue().subscribe(changes::add)) {
			etcd.put("/config/c", "5");
			WatchEvent change = changes.poll(10, TimeUnit.SECONDS); // PUT /config/c
		}

		// anything else: the client itself
		List<Member> members = etcd.execute((client) -> client.cluster().members());
	}
	// end::tour[]

	// tag::bulk[]
	void importConfig(EtcdTemplate etcd) {
		Map<String, Object> entries = Map.of("/config/a", "1", "/settings/app", new Settings("dark", 50));
		EtcdBulkResult result = etcd.putAll(entries); // with the defaults below

		etcd.bulk()
			.put("/config/b", "2")
			.put("/settings/admin", new Settings("light", 20))
			.delete("/config/old")
			.opsPerTxn(128) // etcd's --max-txn-ops, 128 by default
			.bytesPerTxn(1 << 20) // keys and values; etcd's --max-request-bytes: 1.5 MiB
			.parallelism(4) // transactions in flight; 1: one after the other, in order
			.execute(); // EtcdBulkResult: ops, transactions, highest revision
	}
	// end::bulk[]

}
