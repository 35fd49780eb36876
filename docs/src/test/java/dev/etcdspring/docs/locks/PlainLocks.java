package dev.etcdspring.docs.locks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.etcdspring.client.EtcdClient;
import dev.etcdspring.client.concurrency.EtcdElection;
import dev.etcdspring.client.concurrency.EtcdLock;
import dev.etcdspring.client.concurrency.EtcdSession;
import dev.etcdspring.client.concurrency.EtcdSubscription;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's locks and elections in plain Java; {@link PlainLocksTests} runs them.
 */
class PlainLocks {

	private static final Logger log = LoggerFactory.getLogger(PlainLocks.class);

	// tag::session-lock[]
	boolean nightlyReport(EtcdClient client) {
		try (EtcdSession session = EtcdSession.create(client, Duration.ofSeconds(15))) {
			// the lock etcdctl lock /locks/nightly-report takes too
			EtcdLock lock = session.lock("/locks/nightly-report");
			lock.onLost((lost) -> log.warn("{} lost: stop writing", lost.name()));
			lock.lock();
			try {
				// greater for every later holder: hand it to other stores you write to
				long token = lock.fencingToken();
				// etcd refuses this write once the lock is lost, even before we notice
				Txn guarded = Txn.when(lock.ownerCondition())
					.then(TxnOp.put(PutRequest.of(utf8("/reports/nightly"), utf8("done by " + token))));
				return client.kv().txn(guarded).succeeded();
			}
			finally {
				lock.unlock();
			}
		}
	}
	// end::session-lock[]

	// tag::election[]
	void schedule(EtcdClient client) throws InterruptedException {
		try (EtcdSession session = EtcdSession.create(client, Duration.ofSeconds(15))) {
			// the election etcdctl elect /elections/scheduler takes part in too
			EtcdElection election = session.election("/elections/scheduler");
			election.onRevoked((revoked) -> log.warn("no longer the scheduler: session lost"));
			try (EtcdSubscription leaders = election
				.observe((leader) -> log.info("{} leads", leader.valueAsString()))) {
				// waits until elected; campaign(value, timeout) gives up after a while
				election.campaign("node-1");
				// a new value, only while leading
				election.proclaim("node-1 (busy)");
				// leader-only writes: Txn.when(election.leaderCondition()).then(...)
				election.resign();
			}
		}
	}
	// end::election[]

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
