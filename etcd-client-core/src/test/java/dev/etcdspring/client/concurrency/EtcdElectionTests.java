package dev.etcdspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.kv.Compare;
import dev.etcdspring.client.kv.KeyValue;
import dev.etcdspring.client.kv.PutRequest;
import dev.etcdspring.client.kv.Txn;
import dev.etcdspring.client.kv.TxnOp;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.inThread;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.keysUnder;
import static dev.etcdspring.client.concurrency.ConcurrencyTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link EtcdElection} on a real etcd: campaign, proclaim, resign, observe, revocation.
 */
class EtcdElectionTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single();

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	private final ConcurrencyTestSupport support = new ConcurrencyTestSupport();

	private final String name = uniqueName("/elections/");

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void campaignWhenNobodyLeadsShouldElectThisSessionWithItsValue() throws Exception {
		EtcdSession session = this.support.session(client, TTL);
		EtcdElection election = session.election(this.name);
		assertThat(election.leader()).isEmpty();
		assertThat(election.isLeader()).isFalse();
		election.campaign("node-1");
		assertThat(election.isLeader()).isTrue();
		KeyValue kv = client.kv().get(election.key().getBytes(StandardCharsets.UTF_8)).orElseThrow();
		assertThat(kv.valueAsString()).isEqualTo("node-1");
		assertThat(kv.lease()).isEqualTo(session.leaseId());
		EtcdLeader leader = election.leader().orElseThrow();
		assertThat(leader.keyAsString()).isEqualTo(this.name + "/" + Long.toHexString(session.leaseId()));
		assertThat(leader.valueAsString()).isEqualTo("node-1");
		assertThat(leader.createRevision()).isEqualTo(kv.createRevision());
		assertThat(leader.leaseId()).isEqualTo(session.leaseId());
	}

	@Test
	void campaignWithTimeoutWhenAnotherLeadsShouldGiveUpAndLeaveNoKey() throws Exception {
		EtcdElection leader = this.support.session(client, TTL).election(this.name);
		EtcdElection other = this.support.session(client, TTL).election(this.name);
		leader.campaign("a");
		assertThat(other.campaign("b", Duration.ofMillis(300))).isFalse();
		assertThat(other.isLeader()).isFalse();
		assertThat(keysUnder(client, this.name)).containsExactly(leader.key());
	}

	@Test
	void resignShouldHandLeadershipToTheNextCandidateWithoutTellingRevokedListeners() throws Exception {
		EtcdElection first = this.support.session(client, TTL).election(this.name);
		EtcdElection second = this.support.session(client, TTL).election(this.name);
		AtomicInteger revoked = new AtomicInteger();
		first.onRevoked((election) -> revoked.incrementAndGet());
		first.campaign("a");
		CompletableFuture<Boolean> campaign = campaignAsync(second, "b");
		await().atMost(Duration.ofSeconds(10)).until(() -> keysUnder(client, this.name).size() == 2);
		assertThat(campaign).isNotDone();
		first.resign();
		assertThat(campaign).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
		assertThat(first.isLeader()).isFalse();
		assertThat(second.leader().orElseThrow().valueAsString()).isEqualTo("b");
		assertThat(revoked).hasValue(0);
	}

	@Test
	void proclaimShouldReplaceTheValueOnlyWhileLeading() throws Exception {
		EtcdSession session = this.support.session(client, TTL);
		EtcdElection election = session.election(this.name);
		List<EtcdElection> revoked = new CopyOnWriteArrayList<>();
		election.onRevoked(revoked::add);
		assertThat(election.proclaim("not yet")).isFalse();
		election.campaign("v1");
		assertThat(election.proclaim("v2")).isTrue();
		assertThat(election.leader().orElseThrow().valueAsString()).isEqualTo("v2");
		// someone deletes our key: leadership ends there
		assertThat(etcd.etcdctl("del", election.key()).isSuccess()).isTrue();
		assertThat(election.proclaim("v3")).isFalse();
		assertThat(election.leader()).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> revoked.equals(List.of(election)));
		assertThat(election.isLeader()).isFalse();
	}

	@Test
	void leaderKeyDeletedWhileLeadingShouldRevokeLeadership() throws Exception {
		EtcdElection election = this.support.session(client, TTL).election(this.name);
		List<EtcdElection> revoked = new CopyOnWriteArrayList<>();
		election.onRevoked(revoked::add);
		election.campaign("v1");
		assertThat(etcd.etcdctl("del", election.key()).isSuccess()).isTrue();
		// seen through the watch on our own key, long before the next renewal could
		await().atMost(Duration.ofSeconds(2)).until(() -> revoked.equals(List.of(election)));
		assertThat(election.isLeader()).isFalse();
	}

	@Test
	void leaderConditionShouldGuardWritesOfTheLeader() throws Exception {
		EtcdElection election = this.support.session(client, TTL).election(this.name);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(election::leaderCondition)
			.withMessage("This session does not lead etcd election '" + this.name + "'");
		election.campaign("v1");
		Compare leading = election.leaderCondition();
		byte[] key = (this.name + "-resource").getBytes(StandardCharsets.UTF_8);
		Txn write = Txn.when(leading).then(TxnOp.put(PutRequest.of(key, new byte[] { 1 })));
		assertThat(client.kv().txn(write).succeeded()).isTrue();
		election.resign();
		assertThat(client.kv().txn(Txn.when(leading).then(TxnOp.put(PutRequest.of(key, new byte[] { 2 })))).succeeded())
			.isFalse();
	}

	@Test
	void observeShouldReportTheCurrentLeaderThenEachNewLeaderAndValue() throws Exception {
		EtcdElection first = this.support.session(client, TTL).election(this.name);
		EtcdElection second = this.support.session(client, TTL).election(this.name);
		EtcdElection observing = this.support.session(client, TTL).election(this.name);
		List<String> seen = new CopyOnWriteArrayList<>();
		EtcdSubscription observation = observing.observe(new LeaderListener() {

			@Override
			public void onLeader(EtcdLeader leader) {
				seen.add(leader.valueAsString() + "@" + leader.keyAsString());
			}

			@Override
			public void onNoLeader() {
				seen.add("none");
			}

		});
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(List.of("none")));
		first.campaign("a1");
		first.proclaim("a2");
		CompletableFuture<Boolean> campaign = campaignAsync(second, "b1");
		await().atMost(Duration.ofSeconds(10)).until(() -> keysUnder(client, this.name).size() == 2);
		first.resign();
		assertThat(campaign).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
		List<String> expected = List.of("none", "a1@" + first.key(), "a2@" + first.key(), "b1@" + second.key());
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.equals(expected));
		observation.close();
		second.proclaim("b2");
		assertThat(second.leader().orElseThrow().valueAsString()).isEqualTo("b2");
		assertThat(seen).as("nothing after the observation was closed").isEqualTo(expected);
	}

	@Test
	void campaignWhenAnotherThreadCampaignsWithTheSameSessionShouldBeRefused() throws Exception {
		EtcdElection leader = this.support.session(client, TTL).election(this.name);
		EtcdElection other = this.support.session(client, TTL).election(this.name);
		leader.campaign("a");
		CompletableFuture<Boolean> campaign = campaignAsync(other, "b");
		await().atMost(Duration.ofSeconds(10)).until(() -> keysUnder(client, this.name).size() == 2);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> other.campaign("c"))
			.withMessage("Another thread already campaigns in etcd election '" + this.name + "' with this session");
		leader.resign();
		assertThat(campaign).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
	}

	@Test
	void campaignWhenValueOrTimeoutIsMissingShouldBeRefused() {
		EtcdElection election = this.support.session(client, TTL).election(this.name);
		assertThatIllegalArgumentException().isThrownBy(() -> election.campaign((String) null))
			.withMessage("Election value must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> election.campaign("v", Duration.ofSeconds(-1)))
			.withMessage("Campaign timeout must be zero or positive, was PT-1S");
		assertThat(keysUnder(client, this.name)).isEmpty();
	}

	private static CompletableFuture<Boolean> campaignAsync(EtcdElection election, String value) {
		return inThread(() -> {
			election.campaign(value);
			return election.isLeader();
		});
	}

}
