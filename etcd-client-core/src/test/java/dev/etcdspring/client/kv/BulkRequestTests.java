package dev.etcdspring.client.kv;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a bulk refuses before anything is sent, and that each operation or setting makes a
 * new request.
 */
class BulkRequestTests {

	@Test
	void duplicateKeyShouldBeRejectedNamingIt() {
		BulkRequest request = BulkRequest.create().put(key(1), new byte[1]).put(key(2), new byte[1]);

		assertThatIllegalArgumentException().isThrownBy(() -> request.delete(key(1)))
			.withMessageContaining("'/bulk/0000000001'")
			.withMessageContaining("already in this bulk");
		assertThatIllegalArgumentException().isThrownBy(() -> request.put(key(2), new byte[2]))
			.withMessageContaining("'/bulk/0000000002'");
		assertThat(request.size()).isEqualTo(2);
	}

	@Test
	void duplicateBinaryKeyShouldBeNamedInHex() {
		byte[] key = { '/', (byte) 0xFF, 0 };
		BulkRequest request = BulkRequest.create().put(key, new byte[1]);

		assertThatIllegalArgumentException().isThrownBy(() -> request.put(key.clone(), new byte[1]))
			.withMessageContaining("'0x2fff00'");
	}

	@Test
	void badSettingsShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().opsPerTxn(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().bytesPerTxn(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().parallelism(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().put(new byte[0], new byte[1]))
			.withMessageContaining("key must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> BulkRequest.create().delete(new byte[0]))
			.withMessageContaining("key must not be null or empty");
	}

	@Test
	void addingShouldLeaveTheOriginalUnchanged() {
		BulkRequest empty = BulkRequest.create();
		BulkRequest one = empty.put(key(1), new byte[1]);
		BulkRequest two = one.delete(key(2));

		assertThat(empty.size()).isZero();
		assertThat(empty.getOps()).isEmpty();
		assertThat(one.getOps()).extracting(TxnOp::getPut).extracting(PutRequest::getKey).containsExactly(key(1));
		assertThat(two.getOps()).hasSize(2);
		assertThat(two.getOps().get(1).getDelete().getKey()).isEqualTo(key(2));
	}

	@Test
	void branchesOfOneRequestShouldNotSeeEachOthersOperations() {
		BulkRequest base = BulkRequest.create().put(key(1), new byte[1]);
		BulkRequest left = base.put(key(2), new byte[1]);
		BulkRequest right = base.put(key(2), new byte[2]).put(key(3), new byte[1]);

		assertThat(left.getOps()).extracting(BulkRequestTests::keyOf)
			.containsExactly("/bulk/0000000001", "/bulk/0000000002");
		assertThat(right.getOps()).extracting(BulkRequestTests::keyOf)
			.containsExactly("/bulk/0000000001", "/bulk/0000000002", "/bulk/0000000003");
		assertThat(right.getOps().get(1).getPut().getValue()).hasSize(2);
		// the key is in the other branch only: no duplicate here
		assertThat(base.delete(key(3)).size()).isEqualTo(2);
		assertThat(left.put(key(3), new byte[1]).size()).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> left.put(key(2), new byte[1]));
		assertThat(base.size()).isEqualTo(1);
	}

	@Test
	void settingsShouldLeaveTheOriginalUnchanged() {
		BulkRequest base = BulkRequest.create().put(key(1), new byte[1]);
		BulkRequest tuned = base.opsPerTxn(16).bytesPerTxn(1000).parallelism(1);

		assertThat(base.getOpsPerTxn()).isEqualTo(Txn.DEFAULT_MAX_OPS);
		assertThat(base.getBytesPerTxn()).isEqualTo(BulkRequest.DEFAULT_BYTES_PER_TXN);
		assertThat(base.getParallelism()).isEqualTo(BulkRequest.DEFAULT_PARALLELISM);
		assertThat(tuned.getOpsPerTxn()).isEqualTo(16);
		assertThat(tuned.getBytesPerTxn()).isEqualTo(1000);
		assertThat(tuned.getParallelism()).isEqualTo(1);
		assertThat(tuned.getOps()).isEqualTo(base.getOps());
		assertThat(tuned.put(key(2), new byte[1]).size()).isEqualTo(2);
		assertThat(base.put(key(2), new byte[1]).size()).isEqualTo(2);
		assertThat(base.size()).isEqualTo(1);
	}

	private static String keyOf(TxnOp op) {
		byte[] key = (op.getPut() != null) ? op.getPut().getKey() : op.getDelete().getKey();
		return new String(key, StandardCharsets.UTF_8);
	}

	static byte[] key(int index) {
		return "/bulk/%010d".formatted(index).getBytes(StandardCharsets.UTF_8);
	}

}
