package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.etcdspring.client.EtcdClientFixture;
import dev.etcdspring.client.exception.EtcdBulkException;
import dev.etcdspring.client.exception.EtcdError;
import dev.etcdspring.client.exception.EtcdServerException;
import dev.etcdspring.test.EtcdServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A bulk against an etcd that allows only 16 operations per transaction.
 */
class BulkMaxTxnOpsTests {

	@RegisterExtension
	static EtcdServerExtension etcd = EtcdServerExtension.single("--max-txn-ops=16");

	@RegisterExtension
	static EtcdClientFixture client = EtcdClientFixture.of(etcd);

	String root;

	@BeforeEach
	void createRoot() {
		this.root = "/bulk-" + UUID.randomUUID() + "/";
	}

	@Test
	void opsPerTxnAtTheServerLimitShouldSucceed() {
		BulkRequest.Response response = client.kv().bulk(puts(1_000).opsPerTxn(16));

		assertThat(response.ops()).isEqualTo(1_000);
		assertThat(response.transactions()).isEqualTo(63);
		assertThat(client.kv().range(RangeQuery.prefix(this.root).countOnly()).count()).isEqualTo(1_000);
	}

	@Test
	void defaultOpsPerTxnShouldFailWithAHintAndApplyNothing() {
		BulkRequest request = puts(1_000);

		assertThatExceptionOfType(EtcdBulkException.class).isThrownBy(() -> client.kv().bulk(request))
			.withMessageContaining("0 of 1000 operations applied")
			.withMessageContaining("too many operations in txn request")
			.withMessageContaining("--max-txn-ops")
			.withMessageContaining("set opsPerTxn to at most its limit")
			.satisfies((ex) -> {
				assertThat(ex.getAppliedOps()).isZero();
				assertThat(ex.getFailedTransactions()).isNotEmpty();
				assertThat(ex.getUnknownTransactions()).isEmpty();
				assertThat(ex.getUnappliedKeys()).hasSize(1_000);
				assertThat(ex.getCause()).isInstanceOfSatisfying(EtcdServerException.class,
						(cause) -> assertThat(cause.getError()).isEqualTo(EtcdError.TOO_MANY_TXN_OPS));
			});
		assertThat(client.kv().range(RangeQuery.prefix(this.root).countOnly()).count()).isZero();
	}

	private BulkRequest puts(int count) {
		BulkRequest request = BulkRequest.create();
		for (int i = 0; i < count; i++) {
			request = request.put((this.root + i).getBytes(StandardCharsets.UTF_8), new byte[] { 'v' });
		}
		return request;
	}

}
