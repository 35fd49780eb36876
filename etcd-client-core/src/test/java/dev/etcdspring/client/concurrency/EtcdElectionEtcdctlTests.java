package dev.etcdspring.client.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdElection} and {@code etcdctl elect} take part in the same election: each
 * sees the other's leader and value.
 */
class EtcdElectionEtcdctlTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private final String name = uniqueName("/elections/etcdctl-");

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void etcdctlLeaderShouldBeSeenByLeaderAndObserveAndFollowedByOurCampaign() {
		EtcdElection election = this.support.session(client, Duration.ofSeconds(10)).election(this.name);
		EtcdctlProcess etcdctl = this.support
			.closeLater(EtcdctlProcess.start(etcd.endpoints(), "elect", this.name, "from-etcdctl"));
		String etcdctlKey = etcdctl.awaitLine((line) -> line.startsWith(this.name + "/"), TIMEOUT);
		etcdctl.awaitLine("from-etcdctl"::equals, TIMEOUT);
		EtcdLeader leader = election.leader().orElseThrow();
		assertThat(leader.keyAsString()).isEqualTo(etcdctlKey);
		assertThat(leader.valueAsString()).isEqualTo("from-etcdctl");
		List<String> observed = new CopyOnWriteArrayList<>();
		this.support
			.closeLater(election.observe((seen) -> observed.add(seen.valueAsString() + "@" + seen.keyAsString())));
		await().atMost(TIMEOUT).until(() -> observed.equals(List.of("from-etcdctl@" + etcdctlKey)));
		CompletableFuture<Boolean> campaign = inThread(() -> {
			election.campaign("from-java");
			return election.isLeader();
		});
		await().atMost(TIMEOUT).until(() -> keysUnder(client, this.name).equals(List.of(etcdctlKey, election.key())));
		assertThat(campaign).isNotDone();
		// SIGTERM, as Ctrl-C: etcdctl resigns and exits
		etcdctl.close();
		assertThat(campaign).succeedsWithin(TIMEOUT).isEqualTo(true);
		await().atMost(TIMEOUT)
			.until(() -> observed.equals(List.of("from-etcdctl@" + etcdctlKey, "from-java@" + election.key())));
	}

	@Test
	void ourLeaderAndProclaimedValueShouldBeSeenByEtcdctl() throws Exception {
		EtcdElection election = this.support.session(client, Duration.ofSeconds(10)).election(this.name);
		election.campaign("first");
		EtcdctlProcess observer = this.support
			.closeLater(EtcdctlProcess.start(etcd.endpoints(), "elect", "-l", this.name));
		observer.awaitLine("first"::equals, TIMEOUT);
		assertThat(observer.stdout()).startsWith(election.key(), "first");
		assertThat(election.proclaim("second")).isTrue();
		observer.awaitLine("second"::equals, TIMEOUT);
		// and an etcdctl candidate waits behind us until we resign
		EtcdctlProcess candidate = this.support
			.closeLater(EtcdctlProcess.start(etcd.endpoints(), "elect", this.name, "third"));
		await().atMost(TIMEOUT).until(() -> keysUnder(client, this.name).size() == 2);
		assertThat(candidate.stdout()).isEmpty();
		election.resign();
		candidate.awaitLine("third"::equals, TIMEOUT);
		observer.awaitLine("third"::equals, TIMEOUT);
	}

}
